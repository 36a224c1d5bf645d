// The built-in condition plugins, in the order they are registered.
import customerCategory from './customer-category/index.js';

export const builtinPlugins = [customerCategory];
