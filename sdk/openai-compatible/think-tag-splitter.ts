const OPEN = '<think>';
const CLOSE = '</think>';

/** A piece of content, classified as answer text or reasoning. */
export interface ContentPiece { readonly kind: 'text' | 'reasoning'; readonly text: string }

/**
 * Splits a leading `<think>…</think>` block (DeepSeek R1 on Together, Qwen on vLLM and others
 * that put reasoning in `content`) from the answer. Only a block at the very start counts, so
 * an answer that merely mentions the tag is left alone. An unclosed block is all reasoning
 * (the model ran out of tokens while thinking).
 */
export function splitThinkTags(content: string): { readonly text: string; readonly reasoning?: string } {
  const start = content.trimStart();
  if (!start.startsWith(OPEN)) return { text: content };
  const close = start.indexOf(CLOSE);
  if (close === -1) return { text: '', reasoning: start.slice(OPEN.length).trim() };
  return { text: start.slice(close + CLOSE.length).trimStart(), reasoning: start.slice(OPEN.length, close).trim() };
}

/** Incremental form of {@link splitThinkTags} for streamed deltas, which may split a tag anywhere. */
export interface ThinkTagSplitter {
  push(delta: string): ContentPiece[];
  /** Releases whatever is still held back at the end of the stream. */
  flush(): ContentPiece[];
}

/** Creates a splitter for one choice of one stream. */
export function createThinkTagSplitter(): ThinkTagSplitter {
  let state: 'start' | 'thinking' | 'after-think' | 'text' = 'start';
  let held = '';
  let reasoningStarted = false;

  const pushThinking = (input: string, out: ContentPiece[]): void => {
    let text = held + input;
    held = '';
    if (!reasoningStarted) {
      // Drop the newline models put right after `<think>`, as the non-streaming split does.
      text = text.trimStart();
      if (text === '') return;
      reasoningStarted = true;
    }
    const close = text.indexOf(CLOSE);
    if (close !== -1) {
      emit(out, 'reasoning', text.slice(0, close));
      state = 'after-think';
      pushAfterThink(text.slice(close + CLOSE.length), out);
      return;
    }
    // Hold back a tail that could be the beginning of `</think>`.
    const keep = partialSuffixLength(text, CLOSE);
    emit(out, 'reasoning', text.slice(0, text.length - keep));
    held = text.slice(text.length - keep);
  };

  const pushAfterThink = (input: string, out: ContentPiece[]): void => {
    const text = input.trimStart();
    if (text === '') return;
    state = 'text';
    emit(out, 'text', text);
  };

  return {
    push(delta) {
      const out: ContentPiece[] = [];
      if (state === 'text') emit(out, 'text', delta);
      else if (state === 'thinking') pushThinking(delta, out);
      else if (state === 'after-think') pushAfterThink(delta, out);
      else {
        held += delta;
        const start = held.trimStart();
        if (start === '' || (start.length < OPEN.length && OPEN.startsWith(start))) return out;
        if (start.startsWith(OPEN)) {
          state = 'thinking';
          held = '';
          pushThinking(start.slice(OPEN.length), out);
        } else {
          state = 'text';
          emit(out, 'text', held);
          held = '';
        }
      }
      return out;
    },
    flush() {
      const out: ContentPiece[] = [];
      emit(out, state === 'thinking' ? 'reasoning' : 'text', held);
      held = '';
      return out;
    },
  };
}

function emit(out: ContentPiece[], kind: ContentPiece['kind'], text: string): void {
  if (text !== '') out.push({ kind, text });
}

function partialSuffixLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}
