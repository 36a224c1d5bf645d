// The customer's orders with their lines: the fact behind purchase-history conditions.
import { defineFact } from '../plugin-sdk/facts.js';
import type { OrderStatus } from '../generated/prisma/enums.js';

export interface OrderFact {
  id: string;
  status: OrderStatus;
  placedAt: Date;
  currency: string;
  subtotal: number;
  total: number;
  shippingMethod: string | null;
  lines: { productId: string; sku: string; brand: string | null; category: string | null; quantity: number; lineTotal: number }[];
}

export const ordersFact = defineFact({
  name: 'orders',
  empty: [] as OrderFact[],
  async load(customerIds, { prisma }) {
    const orders = await prisma.order.findMany({
      where: { customerId: { in: [...customerIds] } },
      include: { lines: { include: { product: { select: { sku: true } } } } },
      orderBy: { placedAt: 'asc' },
    });
    const byCustomer = new Map<string, OrderFact[]>();
    for (const order of orders) {
      const list = byCustomer.get(order.customerId) ?? [];
      list.push({
        id: order.id,
        status: order.status,
        placedAt: order.placedAt,
        currency: order.currency,
        subtotal: order.subtotal,
        total: order.total,
        shippingMethod: order.shippingMethod,
        lines: order.lines.map((line) => ({
          productId: line.productId,
          sku: line.product.sku,
          brand: line.brand,
          category: line.category,
          quantity: line.quantity,
          lineTotal: line.lineTotal,
        })),
      });
      byCustomer.set(order.customerId, list);
    }
    return byCustomer;
  },
});
