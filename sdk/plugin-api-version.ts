/** The version of the plugin API this SDK implements; manifests' `engine` ranges are checked against it. */
export const PLUGIN_API_VERSION = '1.0.0';
