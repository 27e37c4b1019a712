import type { Deployment } from './deployment.js';

/** Which `litellm_params` field simple-shuffle weighs by, chosen once per group. */
type WeightBasis = 'weight' | 'rpm' | 'tpm' | 'none';

function basisOf(deployments: readonly Deployment[]): WeightBasis {
  const has = (key: 'weight' | 'rpm' | 'tpm'): boolean => deployments.some((deployment) => deployment.config?.routing[key] !== undefined);
  return has('weight') ? 'weight' : has('rpm') ? 'rpm' : has('tpm') ? 'tpm' : 'none';
}

/**
 * Sets each deployment's simple-shuffle weight: `weight`, else `rpm`, else `tpm` (the first of
 * these that any deployment of the group sets). A deployment that leaves the chosen field out
 * gets the group's average, so it neither starves nor dominates.
 */
function assignShuffleWeights(deployments: readonly Deployment[]): void {
  const basis = basisOf(deployments);
  if (basis === 'none') return;
  const values = deployments.map((deployment) => deployment.config?.routing[basis]);
  const known = values.filter((value): value is number => value !== undefined);
  const average = known.reduce((sum, value) => sum + value, 0) / known.length;
  deployments.forEach((deployment, index) => (deployment.shuffleWeight = values[index] ?? average));
}

/**
 * A model group: the deployments sharing a `model_name`, split into priority tiers by `order`
 * (lowest first; deployments without `order` form the last tier). A request that names one
 * deployment (by id or `provider/model` handle) gets a one-deployment group sharing its state.
 */
export class ModelGroup {
  readonly tiers: readonly (readonly Deployment[])[];

  constructor(
    readonly name: string,
    readonly deployments: readonly Deployment[],
    options: { readonly assignWeights: boolean } = { assignWeights: true },
  ) {
    // Weights belong to the configured group; a one-deployment view must not overwrite them.
    if (options.assignWeights) assignShuffleWeights(deployments);
    const orders = [...new Set(deployments.map((deployment) => deployment.order))].sort((a, b) => a - b);
    this.tiers = orders.map((order) => deployments.filter((deployment) => deployment.order === order));
  }
}
