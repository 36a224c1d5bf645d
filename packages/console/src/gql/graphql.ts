/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Abandoned a cart (condition type "abandonedCart", plugin "abandoned-cart"). */
export type AbandonedCartConditionInput = {
  /** The cart holds at least one of these products. */
  containingSkus?: Array<string> | null | undefined;
  /** The cart's subtotal, in this currency, is at least this. */
  minimumValue?: MoneyInput | null | undefined;
  /** When the cart became abandoned. */
  within: TimeWindowInput;
};

/** Account status (condition type "accountStatus", plugin "loyalty"). */
export type AccountStatusConditionInput = {
  /** ACTIVE and/or DEACTIVATED. */
  anyOf: Array<string>;
};

/** Age in years (condition type "age", plugin "date-of-birth"). */
export type AgeConditionInput = {
  /** Bounds on the age in whole years, e.g. { atLeast: 18 }. */
  years: CountRangeInput;
};

export type AmountOffInput = {
  /** Minor units of the promotion's currency. */
  amount: number;
  appliesTo?: DiscountTargetInput | null | undefined;
};

/** Total spent on orders (condition type "amountSpent", plugin "amount-spent"). */
export type AmountSpentConditionInput = {
  /** Bounds on the sum of order totals, in one currency; orders in other currencies do not count. */
  amount: MoneyRangeInput;
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  /** When the orders were placed; leave out for lifetime. */
  within?: TimeWindowInput | null | undefined;
};

/** ADMIN: everything, including customer data. ANALYST: reads what an admin reads (customer data included) and changes nothing. STOREFRONT: eligibility, vouchers, redemptions and event tracking. */
export type ApiKeyScope =
  | 'ADMIN'
  | 'ANALYST'
  | 'STOREFRONT';

/** Average order value (condition type "averageOrderValue", plugin "average-order-value"). */
export type AverageOrderValueConditionInput = {
  average: MoneyRangeInput;
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  within?: TimeWindowInput | null | undefined;
};

/** Birthday in the current month (condition type "birthdayThisMonth", plugin "date-of-birth"). */
export type BirthdayThisMonthConditionInput = {
  /** false selects customers whose birthday is in another month; defaults to true. */
  isThisMonth?: boolean | null | undefined;
};

/** Bought a product of one of these brands (condition type "brandPurchased", plugin "brand-purchased"). */
export type BrandPurchasedConditionInput = {
  /** Brand names (case-insensitive). */
  brands: Array<string>;
  /** When the order was placed; leave out for ever. */
  within?: TimeWindowInput | null | undefined;
};

export type BuyXGetYInput = {
  buy: ProductTargetInput;
  buyQuantity: number;
  get: ProductTargetInput;
  getQuantity: number;
  /** Off the "get" units; defaults to 100 (free). */
  percent?: number | null | undefined;
};

/** Cart contains products (condition type "cartContains", plugin "cart-contents"). */
export type CartContainsConditionInput = {
  /** Units of matching products in all, at least; defaults to 1. */
  minQuantity?: number | null | undefined;
  products: ProductTargetInput;
};

export type CartInput = {
  /** ISO 4217 code of the cart. */
  currency: string;
  lines: Array<CartLineInput>;
  /** Shipping cost in minor units, before promotions; defaults to 0. */
  shipping?: number | null | undefined;
};

/** Number of items in the cart (condition type "cartItemCount", plugin "cart-contents"). */
export type CartItemCountConditionInput = {
  /** Bounds on the total quantity in the cart. */
  count: CountRangeInput;
};

export type CartLineInput = {
  quantity: number;
  sku: string;
  /** Minor units, in the cart's currency; defaults to the catalogue's price. Taken as given whatever currency the catalogue prices the product in, and required for a SKU the catalogue does not know yet (listed in unknownSkus). */
  unitPrice?: number | null | undefined;
};

/** OPEN: still shopping. CONVERTED: it became an order. */
export type CartStatus =
  | 'CONVERTED'
  | 'OPEN';

/** Cart subtotal (condition type "cartSubtotal", plugin "cart-contents"). */
export type CartSubtotalConditionInput = {
  /** Bounds on the cart's subtotal; a cart in another currency does not match. */
  subtotal: MoneyRangeInput;
};

/** An address in one of these cities (condition type "city", plugin "location"). */
export type CityConditionInput = {
  /** An address in one of these cities */
  anyOf: Array<string>;
};

/** One condition: set exactly one field, named after its condition type. */
export type ConditionInput =
  {   /** Abandoned a cart */
  abandonedCart: AbandonedCartConditionInput; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never;   /** Account status */
  accountStatus: AccountStatusConditionInput; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never;   /** Age in years */
  age: AgeConditionInput; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never;   /** Total spent on orders */
  amountSpent: AmountSpentConditionInput; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never;   /** Average order value */
  averageOrderValue: AverageOrderValueConditionInput; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never;   /** Birthday in the current month */
  birthdayThisMonth: BirthdayThisMonthConditionInput; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never;   /** Bought a product of one of these brands */
  brandPurchased: BrandPurchasedConditionInput; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never;   /** Cart contains products */
  cartContains: CartContainsConditionInput; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never;   /** Number of items in the cart */
  cartItemCount: CartItemCountConditionInput; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never;   /** Cart subtotal */
  cartSubtotal: CartSubtotalConditionInput; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never;   /** An address in one of these cities */
  city: CityConditionInput; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never;   /** An address in one of these countries (ISO codes) */
  country: CountryConditionInput; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never;   /** Custom profile field */
  customField: CustomFieldConditionInput; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never;   /** Customer category is one of */
  customerCategory: CustomerCategoryConditionInput; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never;   /** Name, email domain or phone */
  customerDetails: CustomerDetailsConditionInput; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never;   /** Member of a customer group */
  customerGroup: CustomerGroupConditionInput; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never;   /** Tagged with */
  customerTag: CustomerTagConditionInput; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never;   /** Share of order value taken off by discounts */
  discountShare: DiscountShareConditionInput; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never;   /** Number of custom events */
  eventCount: EventCountConditionInput; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never;   /** Date of the first or last custom event */
  eventOccurrence: EventOccurrenceConditionInput; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never;   /** Custom events answered (of the last N) */
  eventShare: EventShareConditionInput; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never;   /** Date of the first order */
  firstOrder: FirstOrderConditionInput; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never;   /** Has products in their wishlist */
  inWishlist: InWishlistConditionInput; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never;   /** Date of the last order */
  lastOrder: LastOrderConditionInput; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never;   /** Loyalty programme member */
  loyaltyMember: LoyaltyMemberConditionInput; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never;   /** Accepts marketing messages */
  marketingConsent: MarketingConsentConditionInput; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never;   /** Newsletter subscription */
  newsletterSubscribed: NewsletterSubscribedConditionInput; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never;   /** Number of orders */
  orderCount: OrderCountConditionInput; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never;   /** An address whose postal code starts with one of these */
  postalCodePrefix: PostalCodePrefixConditionInput; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never;   /** Ordered products, brands or categories */
  productsOrdered: ProductsOrderedConditionInput; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never;   /** Came through a referral source */
  referralSource: ReferralSourceConditionInput; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never;   /** An address in one of these regions */
  region: RegionConditionInput; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never;   /** Registration date */
  registered: RegisteredConditionInput; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never;   /** Retention stage (Active, Drifting, Churn-risk, Lost) */
  retentionStage: RetentionStageConditionInput; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never;   /** RFM group (Champions, Loyal, At risk, …) */
  rfmGroup: RfmGroupConditionInput; rfmScore?: never; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never;   /** RFM scores (recency, frequency, monetary) */
  rfmScore: RfmScoreConditionInput; viewCount?: never; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never;   /** Number of product views */
  viewCount: ViewCountConditionInput; voucherUse?: never; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never;   /** Voucher use (orders with a code, rollbacks) */
  voucherUse: VoucherUseConditionInput; wonBack?: never; }
  |  { abandonedCart?: never; accountStatus?: never; age?: never; amountSpent?: never; averageOrderValue?: never; birthdayThisMonth?: never; brandPurchased?: never; cartContains?: never; cartItemCount?: never; cartSubtotal?: never; city?: never; country?: never; customField?: never; customerCategory?: never; customerDetails?: never; customerGroup?: never; customerTag?: never; discountShare?: never; eventCount?: never; eventOccurrence?: never; eventShare?: never; firstOrder?: never; inWishlist?: never; lastOrder?: never; loyaltyMember?: never; marketingConsent?: never; newsletterSubscribed?: never; orderCount?: never; postalCodePrefix?: never; productsOrdered?: never; referralSource?: never; region?: never; registered?: never; retentionStage?: never; rfmGroup?: never; rfmScore?: never; viewCount?: never; voucherUse?: never;   /** Ordered again after a gap */
  wonBack: WonBackConditionInput; };

/** Bounds on a count: a lower bound (atLeast, inclusive, or moreThan, exclusive), an upper bound (atMost, inclusive, or lessThan, exclusive), or both. */
export type CountRangeInput = {
  /** The count is this or more. */
  atLeast?: number | null | undefined;
  /** The count is this or less. */
  atMost?: number | null | undefined;
  /** The count is less than this. */
  lessThan?: number | null | undefined;
  /** The count is more than this ("more than twice" is moreThan: 2). */
  moreThan?: number | null | undefined;
};

/** An address in one of these countries (ISO codes) (condition type "country", plugin "location"). */
export type CountryConditionInput = {
  /** An address in one of these countries (ISO codes) */
  anyOf: Array<string>;
};

export type CreateApiKeyInput = {
  name: string;
  scopes: Array<ApiKeyScope>;
};

export type CreatePromotionInput = {
  /** Total discount this promotion may give, in minor units; the order that reaches it gets what is left. */
  budget?: number | null | undefined;
  /** Conditions on the cart (cartSubtotal, cartContains, cartItemCount — or any condition) for the promotion to apply; or give cartRuleQuery. Null removes it. */
  cartRule?: SegmentRuleInput | null | undefined;
  /** The cart rule as text (docs/segment-queries.md); or give cartRule. */
  cartRuleQuery?: string | null | undefined;
  /** Applies alongside other promotions' voucher codes. Defaults to true. */
  combinesWithVouchers?: boolean | null | undefined;
  currency: string;
  description?: string | null | undefined;
  effects: Array<PromotionEffectInput>;
  endsAt?: string | null | undefined;
  /** Customers in any of these never get the promotion. */
  excludeSegments?: Array<string> | null | undefined;
  /** Applies alone: only when no promotion applied before it (by priority), and none after it. Defaults to false. */
  exclusive?: boolean | null | undefined;
  /** Customers must be in at least one of these (none: everyone). */
  includeSegments?: Array<string> | null | undefined;
  /** Cap on what this promotion takes off one order, in minor units. */
  maxDiscountPerOrder?: number | null | undefined;
  name: string;
  /** Percentages of what earlier promotions left (default) or of the original amounts. */
  percentOfDiscounted?: boolean | null | undefined;
  /** Limits per day, week or month, in total or per customer. */
  periodicLimits?: Array<PeriodicLimitInput> | null | undefined;
  /** Higher applies first; defaults to 0. */
  priority?: number | null | undefined;
  /** Applies only with one of its voucher codes. Defaults to false. */
  requiresVoucher?: boolean | null | undefined;
  schedule?: PromotionScheduleInput | null | undefined;
  startsAt?: string | null | undefined;
  /** Defaults to DRAFT. */
  status?: PromotionStatus | null | undefined;
  /** Redemptions allowed in all. */
  usageLimit?: number | null | undefined;
  /** Redemptions allowed per customer. */
  usageLimitPerCustomer?: number | null | undefined;
};

export type CreateSegmentFromTemplateInput = {
  /** Defaults to DYNAMIC. */
  kind?: SegmentKind | null | undefined;
  /** Defaults to the template's name. */
  name?: string | null | undefined;
  template: SegmentTemplateKey;
};

export type CreateSegmentInput = {
  description?: string | null | undefined;
  /** Defaults to DYNAMIC. A STATIC segment starts with the members its rule has now. */
  kind?: SegmentKind | null | undefined;
  name: string;
  /** The rule as text (docs/segment-queries.md); or give rule. */
  query?: string | null | undefined;
  /** The rule as a tree; or give query. */
  rule?: SegmentRuleInput | null | undefined;
};

/** Either codes you choose, or a number of unique codes to generate. */
export type CreateVoucherCodesInput = {
  /** Codes to create, e.g. ["WELCOME10"]; matched case-insensitively. */
  codes?: Array<string> | null | undefined;
  expiresAt?: string | null | undefined;
  generate?: GenerateVoucherCodesInput | null | undefined;
  /** Limits per day, week or month, in total or per customer. */
  periodicLimits?: Array<PeriodicLimitInput> | null | undefined;
  promotion: string;
  /** Uses per code. */
  usageLimit?: number | null | undefined;
  usageLimitPerCustomer?: number | null | undefined;
};

export type CreateWebhookEndpointInput = {
  description?: string | null | undefined;
  eventTypes: Array<WebhookEventType>;
  /** http or https, stored as normalised (WHATWG URL); redirects are not followed. Private and special addresses are refused unless COHORT_WEBHOOK_ALLOWED_HOSTS names them. */
  url: string;
};

/** Custom profile field (condition type "customField", plugin "custom-field"). */
export type CustomFieldConditionInput = {
  /** A numeric value (with currency: a money amount in minor units) is at least this. */
  atLeast?: number | null | undefined;
  /** A numeric value (with currency: a money amount in minor units) is at most this. */
  atMost?: number | null | undefined;
  /** A text value contains this (case-insensitive). */
  contains?: string | null | undefined;
  /** A list value holds every one of these (case-insensitive). */
  containsAll?: Array<string> | null | undefined;
  /** A list value holds at least one of these (case-insensitive). */
  containsAny?: Array<string> | null | undefined;
  /** With atLeast/atMost: the value is money { amount, currency } in this currency. */
  currency?: string | null | undefined;
  /** The value, as text, equals this (case-insensitive). */
  equals?: string | null | undefined;
  /** The custom field name, e.g. "shoeSize". */
  field: string;
  /** A boolean value is this. */
  isTrue?: boolean | null | undefined;
  /** A date or instant value is within these days of today, both ends included: { nextDays: 7 } is "from today to 7 days from now". */
  within?: CustomFieldConditionInputWithinInput | null | undefined;
};

export type CustomFieldConditionInputWithinInput = {
  /** From this many days before today (before now, for an instant). */
  lastDays?: number | null | undefined;
  /** To this many days after today (after now, for an instant). */
  nextDays?: number | null | undefined;
};

/** Customer category is one of (condition type "customerCategory", plugin "customer-category"). */
export type CustomerCategoryConditionInput = {
  /** Matches when the customer category is any of these (case-insensitive). */
  categories: Array<string>;
};

/** Name, email domain or phone (condition type "customerDetails", plugin "customer-details"). */
export type CustomerDetailsConditionInput = {
  /** The email address is at one of these domains, e.g. "example.com". */
  emailDomains?: Array<string> | null | undefined;
  firstName?: CustomerDetailsNameMatchInput | null | undefined;
  hasPhone?: boolean | null | undefined;
  lastName?: CustomerDetailsNameMatchInput | null | undefined;
};

/** Exactly one of equals or contains; case-insensitive. */
export type CustomerDetailsNameMatchInput =
  {   contains: string; equals?: never; }
  |  { contains?: never;   equals: string; };

/** Member of a customer group (condition type "customerGroup", plugin "customer-tags"). */
export type CustomerGroupConditionInput = {
  /** Belongs to at least one of these groups. */
  anyOf: Array<string>;
};

/** Names a customer by Cohort's global ID or by the shop's own identifier: exactly one of the two. */
export type CustomerRefInput =
  {   /** The shop platform's customer identifier. */
  externalId: string; id?: never; }
  |  { externalId?: never;   /** Global ID of a Customer. */
  id: string; };

export type CustomerStatus =
  | 'ACTIVE'
  | 'DEACTIVATED';

/** Tagged with (condition type "customerTag", plugin "customer-tags"). */
export type CustomerTagConditionInput = {
  /** Has every one of these tags. */
  allOf?: Array<string> | null | undefined;
  /** Has at least one of these tags. */
  anyOf?: Array<string> | null | undefined;
};

/** Share of order value taken off by discounts (condition type "discountShare", plugin "discount-share"). */
export type DiscountShareConditionInput = {
  /** Only orders in this currency count. */
  currency: string;
  /** Bounds on the discounts as a whole percentage of the orders' subtotals, e.g. { moreThan: 30 }. */
  percent: CountRangeInput;
  /** When the orders were placed; leave out for lifetime. */
  within?: TimeWindowInput | null | undefined;
};

/** What a discount applies to: exactly one of order, shipping, products. Defaults to the order. */
export type DiscountTargetInput =
  {   order: boolean; products?: never; shipping?: never; }
  |  { order?: never;   /** The lines of these products. */
  products: ProductTargetInput; shipping?: never; }
  |  { order?: never; products?: never;   shipping: boolean; };

export type EligibilityInput = {
  cart: CartInput;
  /** The storefront's cart id: the codes it holds (reserveVoucher) stay available to it. */
  cartRef?: string | null | undefined;
  /** Leave out for an anonymous shopper. */
  customer?: CustomerRefInput | null | undefined;
  /** Codes the shopper entered. */
  voucherCodes?: Array<string> | null | undefined;
};

/** What kind of expected failure an Error is: switch on it (docs/errors.md says what to do with each). */
export type ErrorCode =
  /** The order's redemptions were rolled back already; nothing changed. */
  | 'ALREADY_ROLLED_BACK'
  /** The change conflicts with existing data (an idempotency key already used for another order, say). */
  | 'CONFLICT'
  /** An expected failure with no more specific code; the message says what happened. */
  | 'FAILED'
  /** The input is well-formed but cannot be accepted; `path` names the field. */
  | 'INVALID_INPUT'
  /** The input names something that does not exist (a read that failed is never reported as this). */
  | 'NOT_FOUND';

/** Number of custom events (condition type "eventCount", plugin "events"). */
export type EventCountConditionInput = {
  /** Bounds on the number of events, e.g. { atLeast: 3 }. */
  count: CountRangeInput;
  /** The event type, e.g. "email.opened". */
  eventType: string;
  /** Property filters (all must hold). */
  where?: Array<EventPropertyFilterInput> | null | undefined;
  within?: TimeWindowInput | null | undefined;
};

/** The first or the last event of a type. */
export type EventOccurrence =
  | 'FIRST'
  | 'LAST';

/** Date of the first or last custom event (condition type "eventOccurrence", plugin "events"). */
export type EventOccurrenceConditionInput = {
  /** It happened this many whole days (24 hours) ago. */
  daysAgo?: CountRangeInput | null | undefined;
  /** The event type. */
  eventType: string;
  /** FIRST: the earliest such event; LAST: the latest that has happened. */
  occurrence: EventOccurrence;
  /** Property filters (all must hold). */
  where?: Array<EventPropertyFilterInput> | null | undefined;
  /** It happened in this window. */
  within?: TimeWindowInput | null | undefined;
};

/** A test on one property of an event: equals or oneOf (strings), atLeast and/or atMost (numbers, inclusive), or is (booleans). An event without the property, or with a value of another type, fails it. */
export type EventPropertyFilterInput = {
  /** A number property is this or more. */
  atLeast?: number | null | undefined;
  /** A number property is this or less. */
  atMost?: number | null | undefined;
  /** A string property equals this. */
  equals?: string | null | undefined;
  /** A boolean property is this. */
  is?: boolean | null | undefined;
  /** A string property is one of these. */
  oneOf?: Array<string> | null | undefined;
  /** The property tested, as the event type declares it. */
  property: string;
};

/** Events of one type passing property filters. */
export type EventSelectionInput = {
  /** The event type. */
  eventType: string;
  /** Property filters (all must hold). */
  where?: Array<EventPropertyFilterInput> | null | undefined;
};

/** Custom events answered (of the last N) (condition type "eventShare", plugin "events"). */
export type EventShareConditionInput = {
  /** The events that answer them, e.g. email.opened. */
  answeredBy: EventSelectionInput;
  /** Bounds on how many of them were answered, e.g. { atLeast: 5 }. */
  count: CountRangeInput;
  /** How many of the latest `of` events (those in `within`, if given) are looked at. */
  last: number;
  /** The property whose value an answer shares with the event it answers, e.g. messageId. */
  matchOn: string;
  /** The events looked at, e.g. email.sent. */
  of: EventSelectionInput;
  /** Only `of` events in this window are looked at. */
  within?: TimeWindowInput | null | undefined;
};

/** Date of the first order (condition type "firstOrder", plugin "first-order"). */
export type FirstOrderConditionInput = {
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  /** The first order was placed in this window. */
  within: TimeWindowInput;
};

export type GenerateVoucherCodesInput = {
  count: number;
  /** Random characters after the prefix; defaults to 10. */
  length?: number | null | undefined;
  prefix?: string | null | undefined;
};

/** Has products in their wishlist (condition type "inWishlist", plugin "wishlist"). */
export type InWishlistConditionInput = {
  addedWithin?: TimeWindowInput | null | undefined;
  products: ProductTargetInput;
};

/** Date of the last order (condition type "lastOrder", plugin "last-order"). */
export type LastOrderConditionInput = {
  /** The last order was placed this many whole days ago. */
  daysAgo?: CountRangeInput | null | undefined;
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  /** The last order was placed in this window. */
  within?: TimeWindowInput | null | undefined;
};

/** Loyalty programme member (condition type "loyaltyMember", plugin "loyalty"). */
export type LoyaltyMemberConditionInput = {
  member: boolean;
  /** Only members of one of these tiers. */
  tiers?: Array<string> | null | undefined;
};

export type LoyaltyPointsInput = {
  /** false: the order earns no points. */
  earn: boolean;
  /** e.g. 2 for double points; defaults to 1. */
  multiplier?: number | null | undefined;
};

/** Accepts marketing messages (condition type "marketingConsent", plugin "marketing"). */
export type MarketingConsentConditionInput = {
  /** e.g. "email", "sms", "messenger". */
  channel?: string | null | undefined;
  /** true: accepts marketing (on `channel`, if given); false: does not. */
  consent: boolean;
};

export type MembershipCause =
  /** Data about the customer was ingested (an order, the profile, a view, a cart, the wishlist). */
  | 'INGESTION'
  /** The periodic reconciliation corrected the record (what the others missed). */
  | 'RECONCILIATION'
  /** The segment was created or its rule changed. */
  | 'SEGMENT_EDIT'
  /** Time passed (a window moved). */
  | 'TIME';

export type MessageEffectInput = {
  imageUrl?: string | null | undefined;
  link?: string | null | undefined;
  /** Defaults to CART. */
  placement?: MessagePlacement | null | undefined;
  /** e.g. "Add {missing} more for free shipping": {missing} is filled in when the cart is within reach. */
  text: string;
};

export type MessagePlacement =
  | 'CART'
  | 'CATEGORY_PAGE'
  | 'PRODUCT_PAGE';

/** An amount in minor units and its ISO 4217 currency. */
export type MoneyInput = {
  /** Minor units, not negative: 1999 means 19.99. */
  amount: number;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
};

/** Bounds on an amount of money, in one currency: a lower bound (atLeast, inclusive, or moreThan, exclusive), an upper bound (atMost, inclusive, or lessThan, exclusive), or both. */
export type MoneyRangeInput = {
  /** The amount is this or more. */
  atLeast?: MoneyInput | null | undefined;
  /** The amount is this or less. */
  atMost?: MoneyInput | null | undefined;
  /** The amount is less than this. */
  lessThan?: MoneyInput | null | undefined;
  /** The amount is more than this ("spent more than $300"). */
  moreThan?: MoneyInput | null | undefined;
};

/** Newsletter subscription (condition type "newsletterSubscribed", plugin "marketing"). */
export type NewsletterSubscribedConditionInput = {
  subscribed: boolean;
};

/** Why a live promotion does not apply to this shopper and cart. */
export type NotAppliedReason =
  /** The promotion has given all the discount its budget allows. */
  | 'BUDGET_SPENT'
  /** The cart does not meet the promotion's cart conditions (or its first tier) yet. */
  | 'CART_CONDITION'
  /** The cart is in another currency than the promotion. */
  | 'CURRENCY_MISMATCH'
  /** The code is for certain customers only: say who the customer is. */
  | 'CUSTOMER_REQUIRED'
  /** The shopper is in a segment the promotion excludes. */
  | 'EXCLUDED_SEGMENT'
  /** Only in explainEligibility: the customer is in the held-out arm of the promotion's running experiment. The storefront answers them as if the promotion did not exist. */
  | 'HELD_OUT'
  /** The promotion was used as many times as it may be, in all or by this customer. */
  | 'LIMIT_REACHED'
  /** Earlier promotions already took what this one discounts to zero. */
  | 'NOTHING_TO_DISCOUNT'
  /** Exclusive promotions apply alone, and some promotions do not combine with voucher codes. */
  | 'NOT_COMBINABLE'
  /** The shopper is in none of the segments the promotion targets. */
  | 'NOT_IN_SEGMENT'
  /** Outside the days of the week or hours the promotion runs. */
  | 'SCHEDULE';

/** Number of orders (condition type "orderCount", plugin "order-count"). */
export type OrderCountConditionInput = {
  count: CountRangeInput;
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  /** When the orders were placed; leave out for ever. */
  within?: TimeWindowInput | null | undefined;
};

/** PENDING: placed, not yet paid or confirmed. VALIDATED: a purchase. CANCELLED and REFUNDED: not (or no longer) a purchase. */
export type OrderStatus =
  | 'CANCELLED'
  | 'PENDING'
  | 'REFUNDED'
  | 'VALIDATED';

export type PercentageOffInput = {
  appliesTo?: DiscountTargetInput | null | undefined;
  /** e.g. 10 for 10%; more than 0, at most 100, two decimals at most. */
  percent: number;
};

/** At most `limit` redemptions per calendar day, week or month: in total, or per customer. */
export type PeriodicLimitInput = {
  limit: number;
  /** Count each customer separately. Defaults to false (everyone together). */
  perCustomer?: boolean | null | undefined;
  period: UsagePeriod;
};

/** An address whose postal code starts with one of these (condition type "postalCodePrefix", plugin "location"). */
export type PostalCodePrefixConditionInput = {
  /** An address whose postal code starts with one of these */
  anyOf: Array<string>;
};

/** Which products: exactly one of SKUs (exact), brands or categories (case-insensitive). */
export type ProductTargetInput =
  {   brands: Array<string>; categories?: never; skus?: never; }
  |  { brands?: never;   categories: Array<string>; skus?: never; }
  |  { brands?: never; categories?: never;   skus: Array<string>; };

/** Ordered products, brands or categories (condition type "productsOrdered", plugin "products-ordered"). */
export type ProductsOrderedConditionInput = {
  /** Units bought in all, at least; defaults to 1. */
  minQuantity?: number | null | undefined;
  products: ProductTargetInput;
  /** Which orders count; defaults to VALIDATED. */
  statuses?: Array<OrderStatus> | null | undefined;
  within?: TimeWindowInput | null | undefined;
};

/** One effect: set exactly one field. */
export type PromotionEffectInput =
  {   /** An amount off the order, some products or shipping */
  amountOff: AmountOffInput; buyXGetY?: never; freeShipping?: never; loyaltyPoints?: never; message?: never; percentageOff?: never; suggestion?: never; tiered?: never; }
  |  { amountOff?: never;   /** Buy X get Y: units of some products discounted for units of others bought */
  buyXGetY: BuyXGetYInput; freeShipping?: never; loyaltyPoints?: never; message?: never; percentageOff?: never; suggestion?: never; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never;   /** Free shipping */
  freeShipping: boolean; loyaltyPoints?: never; message?: never; percentageOff?: never; suggestion?: never; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never; freeShipping?: never;   /** Loyalty points: none, or a multiplier */
  loyaltyPoints: LoyaltyPointsInput; message?: never; percentageOff?: never; suggestion?: never; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never; freeShipping?: never; loyaltyPoints?: never;   /** A message or content block for the storefront */
  message: MessageEffectInput; percentageOff?: never; suggestion?: never; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never; freeShipping?: never; loyaltyPoints?: never; message?: never;   /** A percentage off the order, some products or shipping */
  percentageOff: PercentageOffInput; suggestion?: never; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never; freeShipping?: never; loyaltyPoints?: never; message?: never; percentageOff?: never;   /** Suggest products to go with what is in the cart */
  suggestion: SuggestionInput; tiered?: never; }
  |  { amountOff?: never; buyXGetY?: never; freeShipping?: never; loyaltyPoints?: never; message?: never; percentageOff?: never; suggestion?: never;   /** Tiered discounts: the highest tier the cart subtotal reaches applies */
  tiered: TieredEffectInput; };

/** Days of the week and/or hours ("HH:MM", start inclusive, end exclusive) in the shop's time zone. */
export type PromotionScheduleInput = {
  daysOfWeek?: Array<Weekday> | null | undefined;
  endTime?: string | null | undefined;
  startTime?: string | null | undefined;
};

/** DRAFT: being prepared, never applied. ACTIVE: applied within its schedule. ARCHIVED: retired. */
export type PromotionStatus =
  | 'ACTIVE'
  | 'ARCHIVED'
  | 'DRAFT';

export type PromotionTierInput = {
  effects: Array<TierEffectInput>;
  /** The tier applies from this cart subtotal, in minor units. */
  minSubtotal: number;
};

/** Came through a referral source (condition type "referralSource", plugin "loyalty"). */
export type ReferralSourceConditionInput = {
  /** e.g. "friend", "instagram"; case-insensitive. */
  anyOf: Array<string>;
};

/** An address in one of these regions (condition type "region", plugin "location"). */
export type RegionConditionInput = {
  /** An address in one of these regions */
  anyOf: Array<string>;
};

/** Registration date (condition type "registered", plugin "registration"). */
export type RegisteredConditionInput = {
  within: TimeWindowInput;
};

/** OWN: the customer's median interval (3 or more validated orders). SHOP_MEDIAN: the shop's. SHOP_DEFAULT: the shop's default gap. */
export type RetentionGapSource =
  | 'OWN'
  | 'SHOP_DEFAULT'
  | 'SHOP_MEDIAN';

/** PROSPECT: no validated order. ACTIVE, DRIFTING, CHURN_RISK, LOST: the time since the last order is under 1×, 2×, 3× the expected gap between orders, or past it (the multipliers are shop settings). */
export type RetentionStage =
  | 'ACTIVE'
  | 'CHURN_RISK'
  | 'DRIFTING'
  | 'LOST'
  | 'PROSPECT';

/** Retention stage (Active, Drifting, Churn-risk, Lost) (condition type "retentionStage", plugin "retention"). */
export type RetentionStageConditionInput = {
  /** The customer's stage is one of these. */
  stages: Array<RetentionStage>;
};

export type RfmAxes =
  /** A cell names R and FM = (F + M) / 2 rounded half up ("53"), as Shopify reads scores. */
  | 'R_FM'
  /** A cell names R, F and M scores ("534"). */
  | 'R_F_M';

export type RfmGridGroupInput = {
  /** Combinations of scores: per axis a digit or a range, e.g. "5[4-5]" (R_FM) or "3[2-3]1" (R_F_M). */
  cells: Array<string>;
  description?: string | null | undefined;
  /** Capitals, digits and underscores, e.g. AT_RISK; PROSPECTS is kept for customers without orders. */
  name: string;
};

export type RfmGridInput = {
  axes: RfmAxes;
  /** Every combination of scores in exactly one group. */
  groups: Array<RfmGridGroupInput>;
  /** 5 (quintiles) or 3 (tertiles). */
  scale: number;
};

export type RfmGridPreset =
  /** Klaviyo's six groups and its exact mapping of the 27 combinations of scores 1 to 3. */
  | 'KLAVIYO'
  /** The default: Shopify's group names over the ten-group R × FM grid of the open-source RFM notebooks, scores 1 to 5 (docs/lifecycle-segments.md). */
  | 'SHOPIFY';

/** RFM group (Champions, Loyal, At risk, …) (condition type "rfmGroup", plugin "rfm"). */
export type RfmGroupConditionInput = {
  /** The currency whose orders and thresholds score the customer. */
  currency: string;
  /** The customer's group is one of these: groups of the shop's grid, or PROSPECTS for customers without an order in the currency. */
  groups: Array<string>;
};

/** RFM scores (recency, frequency, monetary) (condition type "rfmScore", plugin "rfm"). */
export type RfmScoreConditionInput = {
  /** The currency whose orders and thresholds score the customer. */
  currency: string;
  /** Bounds on the frequency score (the highest: the most orders). */
  frequency?: CountRangeInput | null | undefined;
  /** Bounds on the monetary score (the highest: spent the most). */
  monetary?: CountRangeInput | null | undefined;
  /** Bounds on the recency score, from 1 to the grid scale (the highest: ordered most recently). */
  recency?: CountRangeInput | null | undefined;
};

export type RuleKind =
  | 'AND'
  | 'CONDITION'
  | 'NOT'
  | 'OR';

/** DYNAMIC: members are whoever meets the rule, always current. STATIC: a stored list, snapshot of the rule when created or refreshed, edited by hand. */
export type SegmentKind =
  | 'DYNAMIC'
  | 'STATIC';

/** What a suggestion is. */
export type SegmentQuerySuggestionKind =
  /** A condition type. */
  | 'CONDITION'
  /** AND, OR, NOT. */
  | 'KEYWORD'
  /** A comparison (>, >=, <, <=, =, between … and …). */
  | 'OPERATOR'
  /** A condition's parameter, or a field of one. */
  | 'PARAMETER'
  /** A value: an enum's, true or false, a time window, or one from the shop's data (with its count). */
  | 'VALUE';

/** A rule tree node: exactly one of `and`, `or` (groups of rules), `not` (a negated rule) or `condition`. */
export type SegmentRuleInput =
  {   /** Met when every rule is met. */
  and: Array<SegmentRuleInput>; condition?: never; not?: never; or?: never; }
  |  { and?: never;   condition: ConditionInput; not?: never; or?: never; }
  |  { and?: never; condition?: never;   /** Met when the rule is not met. */
  not: SegmentRuleInput; or?: never; }
  |  { and?: never; condition?: never; not?: never;   /** Met when at least one rule is met. */
  or: Array<SegmentRuleInput>; };

/** A built-in segment: a common definition to start from. */
export type SegmentTemplateKey =
  /** Coupon abuse suspects */
  | 'COUPON_ABUSE_SUSPECTS'
  /** Customers */
  | 'CUSTOMERS'
  /** Deactivated customers */
  | 'DEACTIVATED_CUSTOMERS'
  /** Customers who placed their 1st order recently */
  | 'FIRST_ORDER_RECENTLY'
  /** Loyalty members */
  | 'LOYALTY_MEMBERS'
  /** Loyal customers */
  | 'LOYAL_CUSTOMERS'
  /** New contacts */
  | 'NEW_CONTACTS'
  /** Potential customers */
  | 'POTENTIAL_CUSTOMERS'
  /** Profitable customers */
  | 'PROFITABLE_CUSTOMERS'
  /** Referred customers */
  | 'REFERRED_CUSTOMERS'
  /** Active customers */
  | 'RETENTION_ACTIVE'
  /** Churn-risk customers */
  | 'RETENTION_CHURN_RISK'
  /** Drifting customers */
  | 'RETENTION_DRIFTING'
  /** Lost customers (retention) */
  | 'RETENTION_LOST'
  /** Returning customers */
  | 'RETURNING_CUSTOMERS'
  /** Champions */
  | 'RFM_CHAMPIONS'
  /** Lost customers */
  | 'RFM_LOST'
  /** Low-value customers */
  | 'RFM_LOW_VALUE'
  /** Loyalists */
  | 'RFM_LOYALISTS'
  /** New customers */
  | 'RFM_NEW_CUSTOMERS'
  /** Promising customers */
  | 'RFM_PROMISING'
  /** Subscribers */
  | 'SUBSCRIBERS'
  /** Unprofitable customers */
  | 'UNPROFITABLE_CUSTOMERS'
  /** Won back customers */
  | 'WON_BACK_CUSTOMERS';

export type StaticSegmentMembersInput = {
  customers: Array<CustomerRefInput>;
  segment: string;
};

export type SuggestionInput = {
  /** Discount on the suggested products once in the cart. */
  percent?: number | null | undefined;
  /** …suggest these. */
  suggestSkus: Array<string>;
  text?: string | null | undefined;
  /** With one of these products in the cart… */
  when: ProductTargetInput;
};

/** One discount of a tier: set exactly one field. */
export type TierEffectInput =
  {   amountOff: AmountOffInput; freeShipping?: never; percentageOff?: never; }
  |  { amountOff?: never;   freeShipping: boolean; percentageOff?: never; }
  |  { amountOff?: never; freeShipping?: never;   percentageOff: PercentageOffInput; };

export type TieredEffectInput = {
  tiers: Array<PromotionTierInput>;
};

/** A time window: `lastDays` (rolling: the last N × 24 hours), or `from` and/or `to` (from inclusive, to exclusive). An order or event dated after now is in no window until its date: it counts from then. */
export type TimeWindowInput = {
  from?: string | null | undefined;
  lastDays?: number | null | undefined;
  to?: string | null | undefined;
};

/** What the storefront's questions (eligiblePromotions, validateVoucher, redeem) do with a customer Cohort does not know yet, as when a sign-up is synced a minute late. ANONYMOUS (the default): answer as for an anonymous shopper, with customerKnown: false. ERROR: answer NotFoundError. */
export type UnknownCustomerPolicy =
  | 'ANONYMOUS'
  | 'ERROR';

/** Fields left out keep their values. */
export type UpdatePromotionInput = {
  /** Total discount this promotion may give, in minor units; the order that reaches it gets what is left. */
  budget?: number | null | undefined;
  /** Conditions on the cart (cartSubtotal, cartContains, cartItemCount — or any condition) for the promotion to apply; or give cartRuleQuery. Null removes it. */
  cartRule?: SegmentRuleInput | null | undefined;
  /** The cart rule as text (docs/segment-queries.md); or give cartRule. */
  cartRuleQuery?: string | null | undefined;
  /** Applies alongside other promotions' voucher codes. Defaults to true. */
  combinesWithVouchers?: boolean | null | undefined;
  currency?: string | null | undefined;
  description?: string | null | undefined;
  effects?: Array<PromotionEffectInput> | null | undefined;
  endsAt?: string | null | undefined;
  /** Customers in any of these never get the promotion. */
  excludeSegments?: Array<string> | null | undefined;
  /** Applies alone: only when no promotion applied before it (by priority), and none after it. Defaults to false. */
  exclusive?: boolean | null | undefined;
  id: string;
  /** Customers must be in at least one of these (none: everyone). */
  includeSegments?: Array<string> | null | undefined;
  /** Cap on what this promotion takes off one order, in minor units. */
  maxDiscountPerOrder?: number | null | undefined;
  name?: string | null | undefined;
  /** Percentages of what earlier promotions left (default) or of the original amounts. */
  percentOfDiscounted?: boolean | null | undefined;
  /** Limits per day, week or month, in total or per customer. */
  periodicLimits?: Array<PeriodicLimitInput> | null | undefined;
  /** Higher applies first; defaults to 0. */
  priority?: number | null | undefined;
  /** Applies only with one of its voucher codes. Defaults to false. */
  requiresVoucher?: boolean | null | undefined;
  schedule?: PromotionScheduleInput | null | undefined;
  startsAt?: string | null | undefined;
  /** Defaults to DRAFT. */
  status?: PromotionStatus | null | undefined;
  /** Redemptions allowed in all. */
  usageLimit?: number | null | undefined;
  /** Redemptions allowed per customer. */
  usageLimitPerCustomer?: number | null | undefined;
};

export type UpdateRetentionSettingsInput = {
  /** Days; leave out to keep. */
  defaultGapDays?: number | null | undefined;
  /** Three ascending multiples of the expected gap, whole percents (1, 2, 3 by default); leave out to keep. */
  multipliers?: Array<number> | null | undefined;
  /** Leave out to keep. */
  useShopMedian?: boolean | null | undefined;
};

export type UpdateRfmSettingsInput = {
  /** Use this grid (or give `preset`). */
  grid?: RfmGridInput | null | undefined;
  /** Count the orders of this many days before now; null for all time; leave out to keep. */
  lookbackDays?: number | null | undefined;
  /** Use a preset grid (or give `grid`). */
  preset?: RfmGridPreset | null | undefined;
};

/** Fields left out keep their values. */
export type UpdateSegmentInput = {
  description?: string | null | undefined;
  id: string;
  name?: string | null | undefined;
  /** The new rule as text (docs/segment-queries.md); or give rule. */
  query?: string | null | undefined;
  /** The new rule as a tree; or give query. */
  rule?: SegmentRuleInput | null | undefined;
};

export type UpdateShopSettingsInput = {
  cartAbandonmentMinutes?: number | null | undefined;
  defaultCurrency?: string | null | undefined;
  timeZone?: string | null | undefined;
  unknownCustomers?: UnknownCustomerPolicy | null | undefined;
};

export type UpdateWebhookEndpointInput = {
  description?: string | null | undefined;
  enabled?: boolean | null | undefined;
  eventTypes?: Array<WebhookEventType> | null | undefined;
  id: string;
  url?: string | null | undefined;
};

/** A calendar period in the shop's time zone; weeks start on Monday. */
export type UsagePeriod =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** Number of product views (condition type "viewCount", plugin "view-count"). */
export type ViewCountConditionInput = {
  /** Bounds on the number of views, e.g. { atLeast: 3 }. */
  count: CountRangeInput;
  products: ProductTargetInput;
  within?: TimeWindowInput | null | undefined;
};

/** Why a voucher code gives nothing: a problem with the code itself, or why its promotion does not apply. */
export type VoucherReason =
  /** The promotion has given all the discount its budget allows. */
  | 'BUDGET_SPENT'
  /** The cart does not meet the promotion's cart conditions (or its first tier) yet. */
  | 'CART_CONDITION'
  /** The code was used as many times as it may be. */
  | 'CODE_LIMIT_REACHED'
  /** The cart is in another currency than the promotion. */
  | 'CURRENCY_MISMATCH'
  /** The code is for certain customers only: say who the customer is. */
  | 'CUSTOMER_REQUIRED'
  /** The shopper is in a segment the promotion excludes. */
  | 'EXCLUDED_SEGMENT'
  /** The code has expired. */
  | 'EXPIRED'
  /** Only in explainEligibility: the customer is in the held-out arm of the promotion's running experiment. The storefront answers them as if the promotion did not exist. */
  | 'HELD_OUT'
  /** The promotion was used as many times as it may be, in all or by this customer. */
  | 'LIMIT_REACHED'
  /** Earlier promotions already took what this one discounts to zero. */
  | 'NOTHING_TO_DISCOUNT'
  /** Exclusive promotions apply alone, and some promotions do not combine with voucher codes. */
  | 'NOT_COMBINABLE'
  /** The shopper is in none of the segments the promotion targets. */
  | 'NOT_IN_SEGMENT'
  /** The code's remaining uses are held by other checkouts. */
  | 'RESERVED_ELSEWHERE'
  /** Outside the days of the week or hours the promotion runs. */
  | 'SCHEDULE'
  /** No such code. */
  | 'UNKNOWN_CODE';

/** Voucher use (orders with a code, rollbacks) (condition type "voucherUse", plugin "voucher-use"). */
export type VoucherUseConditionInput = {
  /** Bounds on the validated orders on which a voucher code was redeemed (not rolled back). */
  codeOrders?: CountRangeInput | null | undefined;
  /** Bounds on those orders as a whole percentage of the validated orders, e.g. { moreThan: 80 }. A customer without validated orders never matches. */
  codeShare?: CountRangeInput | null | undefined;
  /** Bounds on the redemptions of theirs that were rolled back. */
  rollbacks?: CountRangeInput | null | undefined;
  /** When the orders were placed and the rollbacks happened; leave out for lifetime. */
  within?: TimeWindowInput | null | undefined;
};

export type WebhookDeliveryStatus =
  /** Every try failed, or the endpoint was disabled (failureReason). */
  | 'FAILED'
  /** Not delivered yet; a try is scheduled (nextAttemptAt). */
  | 'PENDING'
  /** The receiver answered 2xx. */
  | 'SUCCEEDED';

/** What a webhook tells. On the wire, the payload's `type` is the lower-case, dotted name (SEGMENT_ENTERED: "segment.entered"). */
export type WebhookEventType =
  /** A customer was erased (data: customer { id }, the global ID earlier events carried, and at): forget what you hold about them. */
  | 'CUSTOMER_ERASED'
  /** A running experiment's results first showed an effect, positive or negative, on revenue net of discount (data: experiment, promotion, verdict, exposed, netRevenuePerCustomer, incrementalNetRevenue, at). */
  | 'EXPERIMENT_SIGNIFICANT'
  /** A running experiment's arms first showed a sample ratio mismatch: the split or the exposure recording is broken (data: as experiment.significant). */
  | 'EXPERIMENT_SRM_DETECTED'
  /** A redemption spent the rest of a promotion's budget (data: promotion, budget, discountGiven). */
  | 'PROMOTION_BUDGET_SPENT'
  /** A redemption used a promotion's last redemption (data: promotion, usageLimit, redemptionCount). */
  | 'PROMOTION_LIMIT_REACHED'
  /** A promotion was redeemed for an order (data: redemption, promotion, customer). */
  | 'REDEMPTION_CREATED'
  /** A redemption was rolled back: its order was cancelled (data: redemption, promotion, customer). */
  | 'REDEMPTION_ROLLED_BACK'
  /** A customer entered a dynamic segment (data: segment, customer, cause, at). */
  | 'SEGMENT_ENTERED'
  /** A customer left a dynamic segment (data: segment, customer, cause, at). */
  | 'SEGMENT_LEFT';

export type Weekday =
  | 'FRIDAY'
  | 'MONDAY'
  | 'SATURDAY'
  | 'SUNDAY'
  | 'THURSDAY'
  | 'TUESDAY'
  | 'WEDNESDAY';

/** Ordered again after a gap (condition type "wonBack", plugin "won-back"). */
export type WonBackConditionInput = {
  /** At least this many days (N × 24 hours) between an order and the one before it. */
  gapDays: number;
  /** When the return order was placed; leave out for any time. */
  within?: TimeWindowInput | null | undefined;
};

export type LifecycleAnalyticsQueryVariables = Exact<{ [key: string]: never; }>;


export type LifecycleAnalyticsQuery = { lifecycleAnalytics: { currency: string, rfm: { scale: number, computedAt: string, prospects: number, scoredCustomers: number, revenue: { formatted: string }, cells: Array<{ recency: number, frequency: number, monetary: number, group: string, customers: number, revenue: { amount: number } }>, groups: Array<{ group: string, customers: number, customerShare: number, revenueShare: number, revenue: { formatted: string } }> } | null, retention: { customers: number, stages: Array<{ stage: RetentionStage, customers: number, share: number }> }, retentionFlows: Array<{ from: string, to: string, flows: Array<{ from: RetentionStage, to: RetentionStage, customers: number }> }> }, segments: { edges: Array<{ node: { id: string, name: string, kind: SegmentKind } }> } };

export type SegmentSizeQueryVariables = Exact<{
  id: string;
}>;


export type SegmentSizeQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer' }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion' }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment', name: string, sizeOverTime: Array<{ date: string, size: number | null }> }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { name: string, scopes: Array<ApiKeyScope>, sessionExpiresAt: string | null } | null };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'MutationSignOutSuccess', data: { signedOut: boolean } }
   };

export type CustomerQueryVariables = Exact<{
  id: string;
}>;


export type CustomerQuery = { shopSettings: { defaultCurrency: string }, node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer', id: string, externalId: string, email: string | null, firstName: string | null, lastName: string | null, phone: string | null, category: string | null, groups: Array<string>, tags: Array<string>, registeredAt: string, status: CustomerStatus, loyaltyMember: boolean, loyaltyTier: string | null, newsletterSubscribed: boolean, marketingConsent: boolean, referralSource: string | null, addresses: Array<{ city: string | null, country: string, isDefault: boolean }>, segments: Array<{ id: string, name: string }>, segmentHistory: Array<{ at: string, entered: boolean, cause: MembershipCause, segment: { id: string, name: string } | null }>, retention: { stage: RetentionStage, since: string | null, nextStageAt: string | null, expectedGapDays: number | null, gapSource: RetentionGapSource | null, lastOrderAt: string | null, validatedOrders: number } | null, orders: { totalCount: number, edges: Array<{ node: { id: string, externalId: string, placedAt: string, status: OrderStatus, total: { formatted: string }, lines: Array<{ quantity: number, product: { sku: string, name: string } }> } }> }, productViews: { totalCount: number, edges: Array<{ node: { viewedAt: string, product: { sku: string, name: string } } }> }, carts: { totalCount: number, edges: Array<{ node: { externalId: string, status: CartStatus, lastActivityAt: string, abandonedAt: string | null, subtotal: { formatted: string }, lines: Array<{ quantity: number, product: { sku: string } }> } }> }, wishlist: Array<{ addedAt: string, product: { sku: string, name: string } }> }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion' }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment' }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type CustomerRfmQueryVariables = Exact<{
  id: string;
  currency: string;
}>;


export type CustomerRfmQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer', rfm: { group: string | null, recency: number | null, frequency: number | null, monetary: number | null, orders: number | null, spent: number | null, daysSinceLastOrder: number | null, computedAt: string | null } }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion' }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment' }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type CustomersQueryVariables = Exact<{
  search?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type CustomersQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, externalId: string, firstName: string | null, lastName: string | null, email: string | null, category: string | null, registeredAt: string, status: CustomerStatus } }> } };

export type ApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysQuery = { apiKeys: { edges: Array<{ node: { id: string, name: string, prefix: string, scopes: Array<ApiKeyScope>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'MutationCreateApiKeySuccess', data: { secret: string, apiKey: { id: string } } }
   };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string;
}>;


export type RevokeApiKeyMutation = { revokeApiKey:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'MutationRevokeApiKeySuccess', data: { apiKey: { id: string } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type SettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type SettingsQuery = { shopSettings: { defaultCurrency: string, timeZone: string, cartAbandonmentMinutes: number }, rfm: { lookbackDays: number | null, grid: { preset: RfmGridPreset | null, scale: number, axes: RfmAxes }, thresholds: Array<{ currency: string, customers: number, computedAt: string }> }, retention: { defaultGapDays: number, useShopMedian: boolean, multipliers: Array<number>, shopMedianGapDays: number | null, expectedGapDays: number, computedAt: string | null } };

export type UpdateShopSettingsMutationVariables = Exact<{
  input: UpdateShopSettingsInput;
}>;


export type UpdateShopSettingsMutation = { updateShopSettings:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'MutationUpdateShopSettingsSuccess', data: { shopSettings: { timeZone: string } } }
   };

export type UpdateRfmSettingsMutationVariables = Exact<{
  input: UpdateRfmSettingsInput;
}>;


export type UpdateRfmSettingsMutation = { updateRfmSettings:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'MutationUpdateRfmSettingsSuccess', data: { rfm: { lookbackDays: number | null } } }
   };

export type UpdateRetentionSettingsMutationVariables = Exact<{
  input: UpdateRetentionSettingsInput;
}>;


export type UpdateRetentionSettingsMutation = { updateRetentionSettings:
    | { __typename: 'BaseError', code: ErrorCode, message: string }
    | { __typename: 'MutationUpdateRetentionSettingsSuccess', data: { retention: { defaultGapDays: number } } }
   };

export type WebhookEndpointsQueryVariables = Exact<{
  status?: WebhookDeliveryStatus | null | undefined;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: { edges: Array<{ node: { id: string, url: string, description: string, enabled: boolean, disabledReason: string | null, eventTypes: Array<WebhookEventType>, createdAt: string, deliveries: { edges: Array<{ node: { id: string, status: WebhookDeliveryStatus, attemptCount: number, createdAt: string, deliveredAt: string | null, failureReason: string | null, nextAttemptAt: string | null, event: { type: WebhookEventType }, attempts: Array<{ responseStatus: number | null, error: string | null, durationMs: number }> } }> } } }> } };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string, path: Array<string> }
    | { __typename: 'MutationCreateWebhookEndpointSuccess', data: { secret: string, endpoint: { id: string } } }
   };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'MutationUpdateWebhookEndpointSuccess', data: { endpoint: { id: string, enabled: boolean } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type RotateWebhookSecretMutationVariables = Exact<{
  id: string;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'MutationRotateWebhookSecretSuccess', data: { secret: string } }
    | { __typename: 'NotFoundError', message: string }
   };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: string;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'MutationDeleteWebhookEndpointSuccess', data: { deletedId: string } }
    | { __typename: 'NotFoundError', message: string }
   };

export type RedeliverWebhookMutationVariables = Exact<{
  delivery: string;
}>;


export type RedeliverWebhookMutation = { redeliverWebhook:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationRedeliverWebhookSuccess', data: { delivery: { id: string, status: WebhookDeliveryStatus } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type PromotionEditorQueryVariables = Exact<{
  id: string;
}>;


export type PromotionEditorQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer' }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion', id: string, name: string, description: string | null, status: PromotionStatus, priority: number, currency: string, startsAt: string | null, endsAt: string | null, exclusive: boolean, percentOfDiscounted: boolean, combinesWithVouchers: boolean, requiresVoucher: boolean, usageLimit: number | null, usageLimitPerCustomer: number | null, redemptionCount: number, cartRule: Record<string, unknown> | null, storedEffects: Array<Record<string, unknown>>, effectDescriptions: Array<string>, cartRuleDescription: string | null, maxDiscountPerOrder: { amount: number } | null, budget: { amount: number } | null, periodicLimits: Array<{ period: UsagePeriod, limit: number, perCustomer: boolean }>, schedule: { daysOfWeek: Array<Weekday> | null, startTime: string | null, endTime: string | null } | null, includeSegments: Array<{ id: string }>, excludeSegments: Array<{ id: string }> }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment' }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type CreatePromotionMutationVariables = Exact<{
  input: CreatePromotionInput;
}>;


export type CreatePromotionMutation = { createPromotion:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string, path: Array<string> }
    | { __typename: 'MutationCreatePromotionSuccess', data: { promotion: { id: string } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type UpdatePromotionMutationVariables = Exact<{
  input: UpdatePromotionInput;
}>;


export type UpdatePromotionMutation = { updatePromotion:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string, path: Array<string> }
    | { __typename: 'MutationUpdatePromotionSuccess', data: { promotion: { id: string } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type PromotionsQueryVariables = Exact<{
  search?: string | null | undefined;
  status?: PromotionStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type PromotionsQuery = { promotions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, status: PromotionStatus, priority: number, startsAt: string | null, endsAt: string | null, requiresVoucher: boolean, redemptionCount: number, usageLimit: number | null, schedule: { daysOfWeek: Array<Weekday> | null, startTime: string | null, endTime: string | null } | null, includeSegments: Array<{ id: string, name: string }>, excludeSegments: Array<{ id: string, name: string }>, budget: { amount: number, formatted: string } | null, discountGiven: { amount: number, formatted: string } } }> } };

export type PromotionReportQueryVariables = Exact<{
  id: string;
}>;


export type PromotionReportQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer' }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion', currency: string, report: { redemptions: number, discountGiven: { formatted: string }, revenue: { formatted: string }, byDay: Array<{ date: string, redemptions: number, discountGiven: { amount: number }, revenue: { amount: number } }>, bySegment: Array<{ redemptions: number, segment: { id: string, name: string } | null, discountGiven: { formatted: string }, revenue: { formatted: string } }>, byRfmGroup: Array<{ group: string | null, redemptions: number, discountGiven: { formatted: string }, revenue: { formatted: string } }> } }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment' }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type SegmentNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type SegmentNamesQuery = { segments: { edges: Array<{ node: { id: string, name: string } }> } };

export type VoucherCodesQueryVariables = Exact<{
  promotion: string;
  first: number;
  after?: string | null | undefined;
}>;


export type VoucherCodesQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer' }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion', voucherCodes: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, redemptionCount: number, usageLimit: number | null, expiresAt: string | null, batch: string | null } }> } }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment' }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type GenerateVoucherCodesMutationVariables = Exact<{
  input: CreateVoucherCodesInput;
}>;


export type GenerateVoucherCodesMutation = { createVoucherCodes:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationCreateVoucherCodesSuccess', data: { codes: Array<{ code: string }> } }
    | { __typename: 'NotFoundError', message: string }
   };

export type SegmentEditorQueryVariables = Exact<{
  id: string;
}>;


export type SegmentEditorQuery = { node:
    | { __typename: 'ApiKey' }
    | { __typename: 'AuditEntry' }
    | { __typename: 'Cart' }
    | { __typename: 'Customer' }
    | { __typename: 'Experiment' }
    | { __typename: 'ImportJob' }
    | { __typename: 'Order' }
    | { __typename: 'Product' }
    | { __typename: 'Promotion' }
    | { __typename: 'Redemption' }
    | { __typename: 'Segment', id: string, name: string, description: string | null, kind: SegmentKind, rule: Record<string, unknown>, ruleProblem: string | null, membershipRecordedSince: string | null, sizeOverTime: Array<{ date: string, size: number | null }>, promotions: Array<{ targeting: string, promotion: { id: string, name: string } }> }
    | { __typename: 'VoucherCode' }
    | { __typename: 'WebhookDelivery' }
    | { __typename: 'WebhookEndpoint' }
   | null };

export type CreateSegmentMutationVariables = Exact<{
  input: CreateSegmentInput;
}>;


export type CreateSegmentMutation = { createSegment:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationCreateSegmentSuccess', data: { segment: { id: string } } }
   };

export type UpdateSegmentMutationVariables = Exact<{
  input: UpdateSegmentInput;
}>;


export type UpdateSegmentMutation = { updateSegment:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationUpdateSegmentSuccess', data: { segment: { id: string } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type DeleteSegmentMutationVariables = Exact<{
  id: string;
}>;


export type DeleteSegmentMutation = { deleteSegment:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationDeleteSegmentSuccess', data: { deletedSegmentId: string } }
    | { __typename: 'NotFoundError', message: string }
   };

export type SegmentsQueryVariables = Exact<{
  search?: string | null | undefined;
  kind?: SegmentKind | null | undefined;
  after?: string | null | undefined;
}>;


export type SegmentsQuery = { segments: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: SegmentKind, memberCount: number, ruleProblem: string | null, recentChanges: { entered: number, left: number }, promotions: Array<{ targeting: string, promotion: { id: string, name: string } }> } }> } };

export type SegmentPreviewQueryVariables = Exact<{
  rule: SegmentRuleInput;
}>;


export type SegmentPreviewQuery = { previewSegment: { memberCount: number, ruleDescription: string, sample: Array<{ id: string, externalId: string, firstName: string | null, lastName: string | null }> }, customers: { totalCount: number } };

export type SegmentChangePreviewQueryVariables = Exact<{
  segment: string;
  rule: SegmentRuleInput;
}>;


export type SegmentChangePreviewQuery = { previewSegment: { memberCount: number, ruleDescription: string, sample: Array<{ id: string, externalId: string, firstName: string | null, lastName: string | null }> }, customers: { totalCount: number }, previewSegmentChange:
    | { message: string }
    | { message: string }
    | { data: { currentCount: number, newCount: number, entering: number, leaving: number, enteringSample: Array<{ id: string, externalId: string, firstName: string | null, lastName: string | null }>, leavingSample: Array<{ id: string, externalId: string, firstName: string | null, lastName: string | null }> } }
   };

export type PrintSegmentQueryQueryVariables = Exact<{
  rule: SegmentRuleInput;
}>;


export type PrintSegmentQueryQuery = { printSegmentQuery: string };

export type ParseSegmentQueryQueryVariables = Exact<{
  text: string;
}>;


export type ParseSegmentQueryQuery = { parseSegmentQuery: { valid: boolean, rule: Record<string, unknown> | null, errors: Array<{ message: string, line: number, column: number, offset: number, length: number, replacement: string | null }> } };

export type SuggestSegmentQueryQueryVariables = Exact<{
  text: string;
  position: number;
}>;


export type SuggestSegmentQueryQuery = { segmentQuerySuggestions: { from: number, to: number, complete: boolean, suggestions: Array<{ kind: SegmentQuerySuggestionKind, label: string, insertText: string, detail: string | null, from: number, to: number }> } };

export type AddCustomersToSegmentMutationVariables = Exact<{
  input: StaticSegmentMembersInput;
}>;


export type AddCustomersToSegmentMutation = { addCustomersToSegment:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'MutationAddCustomersToSegmentSuccess', data: { segment: { id: string, memberCount: number } } }
    | { __typename: 'NotFoundError', message: string, path: Array<string> }
   };

export type RefreshStaticSegmentMutationVariables = Exact<{
  segment: string;
}>;


export type RefreshStaticSegmentMutation = { refreshStaticSegment:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'MutationRefreshStaticSegmentSuccess', data: { segment: { id: string, memberCount: number } } }
    | { __typename: 'NotFoundError', message: string }
   };

export type SegmentTemplatesQueryVariables = Exact<{ [key: string]: never; }>;


export type SegmentTemplatesQuery = { segmentTemplates: Array<{ key: SegmentTemplateKey, name: string, description: string, ruleDescription: string, source: string }> };

export type CreateSegmentFromTemplateMutationVariables = Exact<{
  input: CreateSegmentFromTemplateInput;
}>;


export type CreateSegmentFromTemplateMutation = { createSegmentFromTemplate:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'MutationCreateSegmentFromTemplateSuccess', data: { segment: { id: string } } }
   };

export type SignInMutationVariables = Exact<{
  key: string;
}>;


export type SignInMutation = { signIn:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string, path: Array<string> }
    | { __typename: 'MutationSignInSuccess', data: { expiresAt: string, viewer: { name: string, scopes: Array<ApiKeyScope> } } }
   };

export type SimulatorCustomersQueryVariables = Exact<{
  search: string;
}>;


export type SimulatorCustomersQuery = { customers: { edges: Array<{ node: { id: string, externalId: string, firstName: string | null, lastName: string | null, email: string | null } }> } };

export type SimulatorProductsQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type SimulatorProductsQuery = { products: { edges: Array<{ node: { sku: string, name: string, price: { amount: number, currency: string, formatted: string } } }> }, shopSettings: { defaultCurrency: string } };

export type RuleNodeFieldsFragment = { description: string, kind: RuleKind, met: boolean };

export type SimulateQueryVariables = Exact<{
  input: EligibilityInput;
}>;


export type SimulateQuery = { eligiblePromotions:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'QueryEligiblePromotionsSuccess', data: { subtotal: { formatted: string }, discountTotal: { formatted: string }, shipping: { formatted: string }, shippingDiscount: { formatted: string }, total: { formatted: string }, totalDiscount: { formatted: string }, promotions: Array<{ promotion: { id: string, name: string }, discount: { formatted: string } }>, notApplied: Array<{ reason: NotAppliedReason, promotion: { id: string, name: string } }>, nearlyEligible: Array<{ promotion: { id: string, name: string }, missing: { formatted: string } }>, messages: Array<{ text: string, promotion: { name: string } }>, vouchers: Array<{ code: string, applied: boolean, reason: VoucherReason | null }>, freeItems: Array<{ sku: string, quantity: number, promotion: { name: string } }>, suggestions: Array<{ skus: Array<string>, text: string | null, promotion: { name: string } }>, loyaltyPoints: { earns: boolean, multiplier: number } } }
  , explainEligibility:
    | { __typename: 'BaseError', message: string }
    | { __typename: 'InvalidInputError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'QueryExplainEligibilitySuccess', data: Array<{ applied: boolean, reason: string | null, promotion: { id: string, name: string }, cartRule: { description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean }> }> }> }> } | null, segments: Array<{ member: boolean, targeting: string, segment: { id: string, name: string }, rule: { description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean, children: Array<{ description: string, kind: RuleKind, met: boolean }> }> }> }> } | null }> }> }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RuleNodeFieldsFragmentDoc = new TypedDocumentString(`
    fragment RuleNodeFields on RuleExplanation {
  description
  kind
  met
}
    `, {"fragmentName":"RuleNodeFields"}) as unknown as TypedDocumentString<RuleNodeFieldsFragment, unknown>;
export const LifecycleAnalyticsDocument = new TypedDocumentString(`
    query LifecycleAnalytics {
  lifecycleAnalytics {
    currency
    rfm {
      scale
      computedAt
      prospects
      scoredCustomers
      revenue {
        formatted
      }
      cells {
        recency
        frequency
        monetary
        group
        customers
        revenue {
          amount
        }
      }
      groups {
        group
        customers
        customerShare
        revenue {
          formatted
        }
        revenueShare
      }
    }
    retention {
      customers
      stages {
        stage
        customers
        share
      }
    }
    retentionFlows(months: 6) {
      from
      to
      flows {
        from
        to
        customers
      }
    }
  }
  segments(first: 100) {
    edges {
      node {
        id
        name
        kind
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LifecycleAnalyticsQuery, LifecycleAnalyticsQueryVariables>;
export const SegmentSizeDocument = new TypedDocumentString(`
    query SegmentSize($id: ID!) {
  node(id: $id) {
    __typename
    ... on Segment {
      name
      sizeOverTime(days: 90) {
        date
        size
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentSizeQuery, SegmentSizeQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    name
    scopes
    sessionExpiresAt
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    __typename
    ... on MutationSignOutSuccess {
      data {
        signedOut
      }
    }
    ... on Error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const CustomerDocument = new TypedDocumentString(`
    query Customer($id: ID!) {
  shopSettings {
    defaultCurrency
  }
  node(id: $id) {
    __typename
    ... on Customer {
      id
      externalId
      email
      firstName
      lastName
      phone
      category
      groups
      tags
      registeredAt
      status
      loyaltyMember
      loyaltyTier
      newsletterSubscribed
      marketingConsent
      referralSource
      addresses {
        city
        country
        isDefault
      }
      segments {
        id
        name
      }
      segmentHistory(first: 50) {
        at
        entered
        cause
        segment {
          id
          name
        }
      }
      retention {
        stage
        since
        nextStageAt
        expectedGapDays
        gapSource
        lastOrderAt
        validatedOrders
      }
      orders(first: 10) {
        totalCount
        edges {
          node {
            id
            externalId
            placedAt
            status
            total {
              formatted
            }
            lines {
              quantity
              product {
                sku
                name
              }
            }
          }
        }
      }
      productViews(first: 10) {
        totalCount
        edges {
          node {
            viewedAt
            product {
              sku
              name
            }
          }
        }
      }
      carts(first: 5) {
        totalCount
        edges {
          node {
            externalId
            status
            lastActivityAt
            abandonedAt
            subtotal {
              formatted
            }
            lines {
              quantity
              product {
                sku
              }
            }
          }
        }
      }
      wishlist {
        addedAt
        product {
          sku
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomerQuery, CustomerQueryVariables>;
export const CustomerRfmDocument = new TypedDocumentString(`
    query CustomerRfm($id: ID!, $currency: String!) {
  node(id: $id) {
    __typename
    ... on Customer {
      rfm(currency: $currency) {
        group
        recency
        frequency
        monetary
        orders
        spent
        daysSinceLastOrder
        computedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomerRfmQuery, CustomerRfmQueryVariables>;
export const CustomersDocument = new TypedDocumentString(`
    query Customers($search: String, $after: String) {
  customers(first: 25, after: $after, filter: {search: $search}) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        externalId
        firstName
        lastName
        email
        category
        registeredAt
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CustomersQuery, CustomersQueryVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys {
  apiKeys(first: 100) {
    edges {
      node {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on MutationCreateApiKeySuccess {
      data {
        secret
        apiKey {
          id
        }
      }
    }
    ... on Error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(input: {id: $id}) {
    __typename
    ... on MutationRevokeApiKeySuccess {
      data {
        apiKey {
          id
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const SettingsDocument = new TypedDocumentString(`
    query Settings {
  shopSettings {
    defaultCurrency
    timeZone
    cartAbandonmentMinutes
  }
  rfm {
    lookbackDays
    grid {
      preset
      scale
      axes
    }
    thresholds {
      currency
      customers
      computedAt
    }
  }
  retention {
    defaultGapDays
    useShopMedian
    multipliers
    shopMedianGapDays
    expectedGapDays
    computedAt
  }
}
    `) as unknown as TypedDocumentString<SettingsQuery, SettingsQueryVariables>;
export const UpdateShopSettingsDocument = new TypedDocumentString(`
    mutation UpdateShopSettings($input: UpdateShopSettingsInput!) {
  updateShopSettings(input: $input) {
    __typename
    ... on MutationUpdateShopSettingsSuccess {
      data {
        shopSettings {
          timeZone
        }
      }
    }
    ... on Error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateShopSettingsMutation, UpdateShopSettingsMutationVariables>;
export const UpdateRfmSettingsDocument = new TypedDocumentString(`
    mutation UpdateRfmSettings($input: UpdateRfmSettingsInput!) {
  updateRfmSettings(input: $input) {
    __typename
    ... on MutationUpdateRfmSettingsSuccess {
      data {
        rfm {
          lookbackDays
        }
      }
    }
    ... on Error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateRfmSettingsMutation, UpdateRfmSettingsMutationVariables>;
export const UpdateRetentionSettingsDocument = new TypedDocumentString(`
    mutation UpdateRetentionSettings($input: UpdateRetentionSettingsInput!) {
  updateRetentionSettings(input: $input) {
    __typename
    ... on MutationUpdateRetentionSettingsSuccess {
      data {
        retention {
          defaultGapDays
        }
      }
    }
    ... on Error {
      code
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateRetentionSettingsMutation, UpdateRetentionSettingsMutationVariables>;
export const WebhookEndpointsDocument = new TypedDocumentString(`
    query WebhookEndpoints($status: WebhookDeliveryStatus) {
  webhookEndpoints(first: 10) {
    edges {
      node {
        id
        url
        description
        enabled
        disabledReason
        eventTypes
        createdAt
        deliveries(first: 10, status: $status) {
          edges {
            node {
              id
              status
              attemptCount
              createdAt
              deliveredAt
              failureReason
              nextAttemptAt
              event {
                type
              }
              attempts {
                responseStatus
                error
                durationMs
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename
    ... on MutationCreateWebhookEndpointSuccess {
      data {
        secret
        endpoint {
          id
        }
      }
    }
    ... on Error {
      message
    }
    ... on InvalidInputError {
      path
    }
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = new TypedDocumentString(`
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    __typename
    ... on MutationUpdateWebhookEndpointSuccess {
      data {
        endpoint {
          id
          enabled
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($id: ID!) {
  rotateWebhookSecret(input: {id: $id}) {
    __typename
    ... on MutationRotateWebhookSecretSuccess {
      data {
        secret
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($id: ID!) {
  deleteWebhookEndpoint(input: {id: $id}) {
    __typename
    ... on MutationDeleteWebhookEndpointSuccess {
      data {
        deletedId
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($delivery: ID!) {
  redeliverWebhook(input: {delivery: $delivery}) {
    __typename
    ... on MutationRedeliverWebhookSuccess {
      data {
        delivery {
          id
          status
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
export const PromotionEditorDocument = new TypedDocumentString(`
    query PromotionEditor($id: ID!) {
  node(id: $id) {
    __typename
    ... on Promotion {
      id
      name
      description
      status
      priority
      currency
      startsAt
      endsAt
      exclusive
      percentOfDiscounted
      combinesWithVouchers
      requiresVoucher
      usageLimit
      usageLimitPerCustomer
      redemptionCount
      maxDiscountPerOrder {
        amount
      }
      budget {
        amount
      }
      periodicLimits {
        period
        limit
        perCustomer
      }
      schedule {
        daysOfWeek
        startTime
        endTime
      }
      includeSegments {
        id
      }
      excludeSegments {
        id
      }
      cartRule
      storedEffects
      effectDescriptions
      cartRuleDescription
    }
  }
}
    `) as unknown as TypedDocumentString<PromotionEditorQuery, PromotionEditorQueryVariables>;
export const CreatePromotionDocument = new TypedDocumentString(`
    mutation CreatePromotion($input: CreatePromotionInput!) {
  createPromotion(input: $input) {
    __typename
    ... on MutationCreatePromotionSuccess {
      data {
        promotion {
          id
        }
      }
    }
    ... on Error {
      message
    }
    ... on InvalidInputError {
      path
    }
  }
}
    `) as unknown as TypedDocumentString<CreatePromotionMutation, CreatePromotionMutationVariables>;
export const UpdatePromotionDocument = new TypedDocumentString(`
    mutation UpdatePromotion($input: UpdatePromotionInput!) {
  updatePromotion(input: $input) {
    __typename
    ... on MutationUpdatePromotionSuccess {
      data {
        promotion {
          id
        }
      }
    }
    ... on Error {
      message
    }
    ... on InvalidInputError {
      path
    }
  }
}
    `) as unknown as TypedDocumentString<UpdatePromotionMutation, UpdatePromotionMutationVariables>;
export const PromotionsDocument = new TypedDocumentString(`
    query Promotions($search: String, $status: PromotionStatus, $after: String) {
  promotions(first: 25, search: $search, status: $status, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        status
        priority
        startsAt
        endsAt
        requiresVoucher
        schedule {
          daysOfWeek
          startTime
          endTime
        }
        includeSegments {
          id
          name
        }
        excludeSegments {
          id
          name
        }
        redemptionCount
        usageLimit
        budget {
          amount
          formatted
        }
        discountGiven {
          amount
          formatted
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PromotionsQuery, PromotionsQueryVariables>;
export const PromotionReportDocument = new TypedDocumentString(`
    query PromotionReport($id: ID!) {
  node(id: $id) {
    __typename
    ... on Promotion {
      currency
      report {
        redemptions
        discountGiven {
          formatted
        }
        revenue {
          formatted
        }
        byDay {
          date
          redemptions
          discountGiven {
            amount
          }
          revenue {
            amount
          }
        }
        bySegment {
          segment {
            id
            name
          }
          redemptions
          discountGiven {
            formatted
          }
          revenue {
            formatted
          }
        }
        byRfmGroup {
          group
          redemptions
          discountGiven {
            formatted
          }
          revenue {
            formatted
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PromotionReportQuery, PromotionReportQueryVariables>;
export const SegmentNamesDocument = new TypedDocumentString(`
    query SegmentNames {
  segments(first: 100) {
    edges {
      node {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentNamesQuery, SegmentNamesQueryVariables>;
export const VoucherCodesDocument = new TypedDocumentString(`
    query VoucherCodes($promotion: ID!, $first: Int!, $after: String) {
  node(id: $promotion) {
    __typename
    ... on Promotion {
      voucherCodes(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            code
            redemptionCount
            usageLimit
            expiresAt
            batch
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<VoucherCodesQuery, VoucherCodesQueryVariables>;
export const GenerateVoucherCodesDocument = new TypedDocumentString(`
    mutation GenerateVoucherCodes($input: CreateVoucherCodesInput!) {
  createVoucherCodes(input: $input) {
    __typename
    ... on MutationCreateVoucherCodesSuccess {
      data {
        codes {
          code
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<GenerateVoucherCodesMutation, GenerateVoucherCodesMutationVariables>;
export const SegmentEditorDocument = new TypedDocumentString(`
    query SegmentEditor($id: ID!) {
  node(id: $id) {
    __typename
    ... on Segment {
      id
      name
      description
      kind
      rule
      ruleProblem
      membershipRecordedSince
      sizeOverTime(days: 30) {
        date
        size
      }
      promotions {
        targeting
        promotion {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentEditorQuery, SegmentEditorQueryVariables>;
export const CreateSegmentDocument = new TypedDocumentString(`
    mutation CreateSegment($input: CreateSegmentInput!) {
  createSegment(input: $input) {
    __typename
    ... on MutationCreateSegmentSuccess {
      data {
        segment {
          id
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<CreateSegmentMutation, CreateSegmentMutationVariables>;
export const UpdateSegmentDocument = new TypedDocumentString(`
    mutation UpdateSegment($input: UpdateSegmentInput!) {
  updateSegment(input: $input) {
    __typename
    ... on MutationUpdateSegmentSuccess {
      data {
        segment {
          id
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateSegmentMutation, UpdateSegmentMutationVariables>;
export const DeleteSegmentDocument = new TypedDocumentString(`
    mutation DeleteSegment($id: ID!) {
  deleteSegment(input: {id: $id}) {
    __typename
    ... on MutationDeleteSegmentSuccess {
      data {
        deletedSegmentId
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteSegmentMutation, DeleteSegmentMutationVariables>;
export const SegmentsDocument = new TypedDocumentString(`
    query Segments($search: String, $kind: SegmentKind, $after: String) {
  segments(first: 25, search: $search, kind: $kind, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        kind
        memberCount
        ruleProblem
        recentChanges {
          entered
          left
        }
        promotions {
          targeting
          promotion {
            id
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentsQuery, SegmentsQueryVariables>;
export const SegmentPreviewDocument = new TypedDocumentString(`
    query SegmentPreview($rule: SegmentRuleInput!) {
  previewSegment(rule: $rule) {
    memberCount
    ruleDescription
    sample {
      id
      externalId
      firstName
      lastName
    }
  }
  customers(first: 1) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<SegmentPreviewQuery, SegmentPreviewQueryVariables>;
export const SegmentChangePreviewDocument = new TypedDocumentString(`
    query SegmentChangePreview($segment: ID!, $rule: SegmentRuleInput!) {
  previewSegment(rule: $rule) {
    memberCount
    ruleDescription
    sample {
      id
      externalId
      firstName
      lastName
    }
  }
  customers(first: 1) {
    totalCount
  }
  previewSegmentChange(segment: $segment, rule: $rule) {
    ... on QueryPreviewSegmentChangeSuccess {
      data {
        currentCount
        newCount
        entering
        leaving
        enteringSample {
          id
          externalId
          firstName
          lastName
        }
        leavingSample {
          id
          externalId
          firstName
          lastName
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentChangePreviewQuery, SegmentChangePreviewQueryVariables>;
export const PrintSegmentQueryDocument = new TypedDocumentString(`
    query PrintSegmentQuery($rule: SegmentRuleInput!) {
  printSegmentQuery(rule: $rule)
}
    `) as unknown as TypedDocumentString<PrintSegmentQueryQuery, PrintSegmentQueryQueryVariables>;
export const ParseSegmentQueryDocument = new TypedDocumentString(`
    query ParseSegmentQuery($text: String!) {
  parseSegmentQuery(text: $text) {
    valid
    rule
    errors {
      message
      line
      column
      offset
      length
      replacement
    }
  }
}
    `) as unknown as TypedDocumentString<ParseSegmentQueryQuery, ParseSegmentQueryQueryVariables>;
export const SuggestSegmentQueryDocument = new TypedDocumentString(`
    query SuggestSegmentQuery($text: String!, $position: Int!) {
  segmentQuerySuggestions(text: $text, position: $position, first: 50) {
    from
    to
    complete
    suggestions {
      kind
      label
      insertText
      detail
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<SuggestSegmentQueryQuery, SuggestSegmentQueryQueryVariables>;
export const AddCustomersToSegmentDocument = new TypedDocumentString(`
    mutation AddCustomersToSegment($input: StaticSegmentMembersInput!) {
  addCustomersToSegment(input: $input) {
    __typename
    ... on MutationAddCustomersToSegmentSuccess {
      data {
        segment {
          id
          memberCount
        }
      }
    }
    ... on Error {
      message
    }
    ... on NotFoundError {
      path
    }
  }
}
    `) as unknown as TypedDocumentString<AddCustomersToSegmentMutation, AddCustomersToSegmentMutationVariables>;
export const RefreshStaticSegmentDocument = new TypedDocumentString(`
    mutation RefreshStaticSegment($segment: ID!) {
  refreshStaticSegment(input: {segment: $segment}) {
    __typename
    ... on MutationRefreshStaticSegmentSuccess {
      data {
        segment {
          id
          memberCount
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<RefreshStaticSegmentMutation, RefreshStaticSegmentMutationVariables>;
export const SegmentTemplatesDocument = new TypedDocumentString(`
    query SegmentTemplates {
  segmentTemplates {
    key
    name
    description
    ruleDescription
    source
  }
}
    `) as unknown as TypedDocumentString<SegmentTemplatesQuery, SegmentTemplatesQueryVariables>;
export const CreateSegmentFromTemplateDocument = new TypedDocumentString(`
    mutation CreateSegmentFromTemplate($input: CreateSegmentFromTemplateInput!) {
  createSegmentFromTemplate(input: $input) {
    __typename
    ... on MutationCreateSegmentFromTemplateSuccess {
      data {
        segment {
          id
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    `) as unknown as TypedDocumentString<CreateSegmentFromTemplateMutation, CreateSegmentFromTemplateMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($key: String!) {
  signIn(input: {key: $key}) {
    __typename
    ... on MutationSignInSuccess {
      data {
        expiresAt
        viewer {
          name
          scopes
        }
      }
    }
    ... on Error {
      message
    }
    ... on InvalidInputError {
      path
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SimulatorCustomersDocument = new TypedDocumentString(`
    query SimulatorCustomers($search: String!) {
  customers(first: 8, filter: {search: $search}) {
    edges {
      node {
        id
        externalId
        firstName
        lastName
        email
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SimulatorCustomersQuery, SimulatorCustomersQueryVariables>;
export const SimulatorProductsDocument = new TypedDocumentString(`
    query SimulatorProducts($search: String) {
  products(first: 8, filter: {search: $search}) {
    edges {
      node {
        sku
        name
        price {
          amount
          currency
          formatted
        }
      }
    }
  }
  shopSettings {
    defaultCurrency
  }
}
    `) as unknown as TypedDocumentString<SimulatorProductsQuery, SimulatorProductsQueryVariables>;
export const SimulateDocument = new TypedDocumentString(`
    query Simulate($input: EligibilityInput!) {
  eligiblePromotions(input: $input) {
    __typename
    ... on QueryEligiblePromotionsSuccess {
      data {
        subtotal {
          formatted
        }
        discountTotal {
          formatted
        }
        shipping {
          formatted
        }
        shippingDiscount {
          formatted
        }
        total {
          formatted
        }
        totalDiscount {
          formatted
        }
        promotions {
          promotion {
            id
            name
          }
          discount {
            formatted
          }
        }
        notApplied {
          promotion {
            id
            name
          }
          reason
        }
        nearlyEligible {
          promotion {
            id
            name
          }
          missing {
            formatted
          }
        }
        messages {
          text
          promotion {
            name
          }
        }
        vouchers {
          code
          applied
          reason
        }
        freeItems {
          sku
          quantity
          promotion {
            name
          }
        }
        suggestions {
          skus
          text
          promotion {
            name
          }
        }
        loyaltyPoints {
          earns
          multiplier
        }
      }
    }
    ... on Error {
      message
    }
  }
  explainEligibility(input: $input) {
    __typename
    ... on QueryExplainEligibilitySuccess {
      data {
        applied
        reason
        promotion {
          id
          name
        }
        cartRule {
          ...RuleNodeFields
          children {
            ...RuleNodeFields
            children {
              ...RuleNodeFields
              children {
                ...RuleNodeFields
                children {
                  ...RuleNodeFields
                }
              }
            }
          }
        }
        segments {
          member
          targeting
          segment {
            id
            name
          }
          rule {
            ...RuleNodeFields
            children {
              ...RuleNodeFields
              children {
                ...RuleNodeFields
                children {
                  ...RuleNodeFields
                  children {
                    ...RuleNodeFields
                  }
                }
              }
            }
          }
        }
      }
    }
    ... on Error {
      message
    }
  }
}
    fragment RuleNodeFields on RuleExplanation {
  description
  kind
  met
}`) as unknown as TypedDocumentString<SimulateQuery, SimulateQueryVariables>;