import { z } from 'zod';
import type { Rng } from '../lib/random';
import { CHANNELS, PLACES, PRODUCTS, STREETS } from './vocabulary';

export const OrderItem = z.object({ sku: z.string().min(1), qty: z.number().int().positive(), unitPrice: z.number().nonnegative() });
export type OrderItem = z.infer<typeof OrderItem>;

export const Address = z.object({ street: z.string(), city: z.string(), postcode: z.string(), country: z.string() });
export type Address = z.infer<typeof Address>;

/** The business part of OrderRequested, which the orchestrator copies into its commands. */
export const OrderData = z.object({
  customerId: z.string().min(1),
  channel: z.string(),
  items: z.array(OrderItem).min(1),
  amount: z.number().nonnegative(),
  currency: z.string().length(3),
  shippingAddress: Address,
});
export type OrderData = z.infer<typeof OrderData>;

/** One to three lines keeps OrderRequested around 300 bytes, like a typical order event. */
const MAX_LINES = 3;

export function makeOrder(rng: Rng): OrderData {
  const place = rng.pick(PLACES);
  const products = new Set<(typeof PRODUCTS)[number]>();
  const lines = rng.int(1, MAX_LINES);
  while (products.size < lines) products.add(rng.pick(PRODUCTS));
  const items = [...products].map((p) => ({ sku: p.sku, qty: rng.int(1, 3), unitPrice: p.unitPrice }));
  const amount = Math.round(items.reduce((sum, i) => sum + i.qty * i.unitPrice, 0) * 100) / 100;
  return {
    customerId: `cus-${rng.token(6)}`,
    channel: rng.pick(CHANNELS),
    items,
    amount,
    currency: place.currency,
    shippingAddress: {
      street: `${rng.pick(STREETS)} ${rng.int(1, 240)}`,
      city: place.city,
      postcode: String(rng.int(10000, 99999)),
      country: place.country,
    },
  };
}
