// The built-in condition plugins, in the order they are registered.
import brandPurchased from './brand-purchased/index.js';
import customerCategory from './customer-category/index.js';

export const builtinPlugins = [customerCategory, brandPurchased];
