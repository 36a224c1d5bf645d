// The built-in plugins (conditions and effects). Each is written with the public SDK only, exactly as a
// partner would write one; this list is the configuration that registers them.
import abandonedCart from './abandoned-cart/index.js';
import amountSpent from './amount-spent/index.js';
import averageOrderValue from './average-order-value/index.js';
import brandPurchased from './brand-purchased/index.js';
import cartContents from './cart-contents/index.js';
import cartMessages from './cart-messages/index.js';
import customField from './custom-field/index.js';
import customerCategory from './customer-category/index.js';
import customerDetails from './customer-details/index.js';
import customerTags from './customer-tags/index.js';
import dateOfBirth from './date-of-birth/index.js';
import discountShare from './discount-share/index.js';
import discounts from './discounts/index.js';
import events from './events/index.js';
import firstOrder from './first-order/index.js';
import lastOrder from './last-order/index.js';
import location from './location/index.js';
import loyalty from './loyalty/index.js';
import marketing from './marketing/index.js';
import orderCount from './order-count/index.js';
import productsOrdered from './products-ordered/index.js';
import registration from './registration/index.js';
import retention from './retention/index.js';
import rfm from './rfm/index.js';
import suggestions from './suggestions/index.js';
import viewCount from './view-count/index.js';
import voucherUse from './voucher-use/index.js';
import wishlist from './wishlist/index.js';
import wonBack from './won-back/index.js';

export const builtinPlugins = [
  customerCategory,
  brandPurchased,
  viewCount,
  abandonedCart,
  amountSpent,
  orderCount,
  averageOrderValue,
  firstOrder,
  lastOrder,
  productsOrdered,
  wishlist,
  cartContents,
  customerDetails,
  dateOfBirth,
  location,
  customerTags,
  marketing,
  customField,
  loyalty,
  registration,
  wonBack,
  discountShare,
  voucherUse,
  events,
  rfm,
  retention,
  discounts,
  cartMessages,
  suggestions,
];
