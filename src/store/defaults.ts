/** Defaults shared by the store and the CLI, kept free of heavy imports. */
export const DEFAULT_DATA_DIR = './dfslab-data';
