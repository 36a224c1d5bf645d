// The demo shop, generated deterministically from a seed: an outdoor-sports store with a
// catalogue of several brands, customers, two years of orders, views, carts and wishlists.
// Pure functions from (seed, now) to rows, so benchmarks and tests can reuse them.

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY = 86_400_000;

const CATALOGUE: [brand: string, prefix: string, items: [name: string, category: string, price: number][]][] = [
  [
    'Trailblaze',
    'TB',
    [
      ['Trail Runner 2', 'shoes', 12_999],
      ['Ridge Hiker', 'shoes', 15_999],
      ['Scree Gaiter', 'accessories', 2_999],
      ['Trail Socks 3-pack', 'accessories', 1_999],
      ['Fastpack 20', 'backpacks', 8_999],
      ['Mudguard Jacket', 'jackets', 17_999],
    ],
  ],
  [
    'Summit Co',
    'SC',
    [
      ['Alpine Shell', 'jackets', 34_999],
      ['Down Hoodie', 'jackets', 24_999],
      ['Summit 45', 'backpacks', 19_999],
      ['Glacier Gloves', 'accessories', 4_999],
      ['Approach Shoe', 'shoes', 13_999],
      ['Beanie', 'accessories', 2_499],
    ],
  ],
  [
    'AquaFlow',
    'AF',
    [
      ['Soft Flask 500', 'accessories', 2_999],
      ['Hydration Vest', 'backpacks', 11_999],
      ['Electrolyte Tabs', 'nutrition', 1_299],
      ['Filter Bottle', 'accessories', 3_999],
      ['Recovery Drink', 'nutrition', 2_499],
    ],
  ],
  [
    'UrbanStride',
    'US',
    [
      ['City Sneaker', 'shoes', 9_999],
      ['Commuter Pack', 'backpacks', 7_999],
      ['Rain Shell', 'jackets', 12_999],
      ['Everyday Tee', 'apparel', 2_999],
      ['Chino Short', 'apparel', 4_999],
      ['Cap', 'accessories', 1_999],
    ],
  ],
  [
    'Northwind',
    'NW',
    [
      ['Fleece Jacket', 'jackets', 8_999],
      ['Base Layer Top', 'apparel', 5_999],
      ['Base Layer Tights', 'apparel', 5_499],
      ['Buff', 'accessories', 1_499],
      ['Camp Mug', 'accessories', 1_999],
      ['Trekking Poles', 'accessories', 9_999],
    ],
  ],
  [
    'Peak Performance',
    'PP',
    [
      ['Energy Gel 12-pack', 'nutrition', 2_999],
      ['Protein Bar Box', 'nutrition', 3_499],
      ['Race Belt', 'accessories', 1_499],
      ['Tempo Shoe', 'shoes', 16_999],
      ['Race Singlet', 'apparel', 3_999],
    ],
  ],
  [
    'Cohort Club',
    'CC',
    [
      ['Cohort Club Membership', 'membership', 4_900],
      ['Cohort Club Gold Membership', 'membership', 9_900],
    ],
  ],
];

const FIRST_NAMES = [
  'Ana',
  'Ben',
  'Chloé',
  'David',
  'Emma',
  'Farid',
  'Greta',
  'Hugo',
  'Inès',
  'Jonas',
  'Kenji',
  'Léa',
  'Malik',
  'Nora',
  'Oscar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sami',
  'Tess',
  'Umar',
  'Vera',
  'Wen',
  'Yara',
  'Zoé',
];
const LAST_NAMES = [
  'Martin',
  'Smith',
  'Müller',
  'Dubois',
  'García',
  'Rossi',
  'Nguyen',
  'Kowalski',
  'Johansson',
  'Brown',
  'Lefebvre',
  'Schmidt',
  'Silva',
  'Kim',
  'Taylor',
  'Moreau',
  'Fischer',
  'Lopez',
];
const PLACES: [country: string, region: string, city: string, postal: string][] = [
  ['US', 'CA', 'San Francisco', '941'],
  ['US', 'CO', 'Denver', '802'],
  ['US', 'NY', 'New York', '100'],
  ['US', 'WA', 'Seattle', '981'],
  ['CA', 'BC', 'Vancouver', 'V5K'],
  ['CA', 'QC', 'Montréal', 'H2X'],
  ['FR', 'Île-de-France', 'Paris', '750'],
  ['FR', 'Auvergne-Rhône-Alpes', 'Lyon', '690'],
  ['DE', 'Bayern', 'München', '803'],
  ['DE', 'Berlin', 'Berlin', '101'],
  ['GB', 'England', 'London', 'SW1'],
  ['GB', 'Scotland', 'Edinburgh', 'EH1'],
];

export interface DemoShop {
  products: { id: string; sku: string; name: string; brand: string; category: string; price: number; currency: string }[];
  customers: {
    id: string;
    externalId: string;
    email: string;
    firstName: string;
    lastName: string;
    phone: string;
    dateOfBirth: Date;
    category: string;
    groups: string[];
    tags: string[];
    registeredAt: Date;
    status: 'ACTIVE' | 'DEACTIVATED';
    newsletterSubscribed: boolean;
    marketingConsent: boolean;
    marketingChannels: string[];
    referralSource: string | null;
    loyaltyMember: boolean;
    loyaltyTier: string | null;
    customFields: Record<string, string | number | boolean>;
  }[];
  addresses: { id: string; customerId: string; isDefault: boolean; line1: string; country: string; region: string; city: string; postalCode: string }[];
  orders: {
    id: string;
    externalId: string;
    customerId: string;
    status: 'PENDING' | 'VALIDATED' | 'CANCELLED' | 'REFUNDED';
    placedAt: Date;
    currency: string;
    subtotal: number;
    discountTotal: number;
    shippingTotal: number;
    taxTotal: number;
    total: number;
    shippingMethod: string;
  }[];
  orderLines: { id: string; orderId: string; productId: string; quantity: number; unitPrice: number; lineTotal: number; brand: string; category: string }[];
  views: { customerId: string; productId: string; viewedAt: Date }[];
  carts: {
    id: string;
    externalId: string;
    customerId: string;
    status: 'OPEN' | 'CONVERTED';
    currency: string;
    subtotal: number;
    lastActivityAt: Date;
    convertedAt: Date | null;
  }[];
  cartLines: { id: string; cartId: string; productId: string; quantity: number; unitPrice: number }[];
  wishlist: { id: string; customerId: string; productId: string; addedAt: Date }[];
}

export function generateDemoShop(options: { seed?: number; now: Date; customers?: number }): DemoShop {
  const random = mulberry32(options.seed ?? 2026);
  const now = options.now.getTime();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (probability: number) => random() < probability;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  // Stable ids derived from the generator, so two runs produce the same shop.
  const id = () => randomUUIDFrom(random);

  const products = CATALOGUE.flatMap(([brand, prefix, items]) =>
    items.map(([name, category, price], index) => ({
      id: id(),
      sku: `${prefix}-${String(index + 1).padStart(2, '0')}`,
      name: `${brand} ${name}`,
      brand,
      category,
      price,
      currency: 'USD',
    })),
  );
  const shoppable = products.filter((product) => product.category !== 'membership');
  const membership = products.filter((product) => product.category === 'membership');

  const shop: DemoShop = { products, customers: [], addresses: [], orders: [], orderLines: [], views: [], carts: [], cartLines: [], wishlist: [] };
  const count = options.customers ?? 500;
  for (let index = 1; index <= count; index += 1) {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const customerId = id();
    const category = chance(0.8) ? 'retail' : chance(0.5) ? 'wholesale' : 'vip';
    const loyaltyMember = chance(0.3);
    const channels = ['email', 'sms', 'messenger'].filter(() => chance(0.4));
    shop.customers.push({
      id: customerId,
      externalId: `demo-${String(index).padStart(4, '0')}`,
      email: `${firstName}.${lastName}.${index}@example.com`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
      firstName,
      lastName,
      phone: `+1 555 ${String(between(100, 999))} ${String(between(1000, 9999))}`,
      dateOfBirth: new Date(Date.UTC(between(1950, 2005), between(0, 11), between(1, 28))),
      category,
      groups: category === 'vip' ? ['VIP'] : chance(0.05) ? ['staff'] : [],
      tags: ['runner', 'hiker', 'climber', 'commuter'].filter(() => chance(0.25)),
      registeredAt: new Date(now - between(1, 1095) * DAY - between(0, DAY)),
      status: chance(0.03) ? 'DEACTIVATED' : 'ACTIVE',
      newsletterSubscribed: chance(0.45),
      marketingConsent: channels.length > 0,
      marketingChannels: channels,
      referralSource: chance(0.3) ? pick(['friend', 'instagram', 'podcast', 'google']) : null,
      loyaltyMember,
      loyaltyTier: loyaltyMember ? pick(['silver', 'silver', 'gold']) : null,
      customFields: { shoeSize: between(36, 47), ...(chance(0.3) ? { skiLevel: pick(['beginner', 'intermediate', 'expert']) } : {}) },
    });
    const place = pick(PLACES);
    shop.addresses.push({
      id: id(),
      customerId,
      isDefault: true,
      line1: `${between(1, 250)} Main Street`,
      country: place[0],
      region: place[1],
      city: place[2],
      postalCode: `${place[3]}${between(10, 99)}`,
    });

    // Heavy-tailed purchase counts: most buy rarely, a few often.
    const orderCount = Math.floor(Math.pow(random(), 2.2) * 30);
    for (let orderIndex = 0; orderIndex < orderCount; orderIndex += 1) {
      const orderId = id();
      const placedAt = new Date(now - between(0, 729) * DAY - between(0, DAY));
      const lines = Array.from({ length: between(1, 4) }, () => {
        const product = chance(0.03) ? pick(membership) : pick(shoppable);
        const quantity = chance(0.85) ? 1 : between(2, 4);
        return {
          id: id(),
          orderId,
          productId: product.id,
          quantity,
          unitPrice: product.price,
          lineTotal: quantity * product.price,
          brand: product.brand,
          category: product.category,
        };
      });
      const subtotal = lines.reduce((sum, line) => sum + line.lineTotal, 0);
      const discountTotal = chance(0.15) ? Math.floor(subtotal / 10) : 0;
      const shippingTotal = subtotal >= 10_000 ? 0 : 695;
      const taxTotal = Math.floor(((subtotal - discountTotal) * 8) / 100);
      const status = chance(0.86) ? 'VALIDATED' : chance(0.4) ? 'PENDING' : chance(0.6) ? 'CANCELLED' : 'REFUNDED';
      shop.orders.push({
        id: orderId,
        externalId: `demo-order-${shop.orders.length + 1}`,
        customerId,
        status,
        placedAt,
        currency: 'USD',
        subtotal,
        discountTotal,
        shippingTotal,
        taxTotal,
        total: subtotal - discountTotal + shippingTotal + taxTotal,
        shippingMethod: pick(['UPS Ground', 'UPS Ground', 'Express', 'SoColissimo', 'Pickup']),
      });
      shop.orderLines.push(...lines);
    }

    const viewCount = Math.floor(Math.pow(random(), 1.5) * 80);
    for (let viewIndex = 0; viewIndex < viewCount; viewIndex += 1) {
      shop.views.push({ customerId, productId: pick(shoppable).id, viewedAt: new Date(now - between(0, 89) * DAY - between(0, DAY)) });
    }

    if (chance(0.3)) {
      const cartId = id();
      const converted = chance(0.35);
      const lastActivityAt = new Date(now - (chance(0.4) ? between(5, 50) * 60_000 : between(1, 40) * DAY));
      const chosen = new Map<string, (typeof products)[number]>();
      for (let line = between(1, 4); line > 0; line -= 1) {
        const product = pick(shoppable);
        chosen.set(product.id, product);
      }
      const lines = [...chosen.values()].map((product) => ({ id: id(), cartId, productId: product.id, quantity: between(1, 2), unitPrice: product.price }));
      shop.carts.push({
        id: cartId,
        externalId: `demo-cart-${shop.carts.length + 1}`,
        customerId,
        status: converted ? 'CONVERTED' : 'OPEN',
        currency: 'USD',
        subtotal: lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0),
        lastActivityAt,
        convertedAt: converted ? lastActivityAt : null,
      });
      shop.cartLines.push(...lines);
    }

    const wished = new Set<string>();
    for (let item = Math.floor(Math.pow(random(), 2) * 4); item > 0; item -= 1) wished.add(pick(shoppable).id);
    for (const productId of wished) shop.wishlist.push({ id: id(), customerId, productId, addedAt: new Date(now - between(0, 200) * DAY) });
  }
  return shop;
}

/** A version-4-shaped UUID drawn from the seeded generator instead of the system's entropy. */
function randomUUIDFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
