/** The demo shop sells products 1..PRODUCT_COUNT. */
export const PRODUCT_COUNT = 20;

/** An integer in [min, max]. */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** One random item of a non-empty list. */
export function pick<T>(items: readonly T[]): T {
  return items[randomInt(0, items.length - 1)];
}

/** A product id that exists. */
export function randomProductId(): number {
  return randomInt(1, PRODUCT_COUNT);
}

/** `count` distinct product ids that exist (at most PRODUCT_COUNT). */
export function randomProductIds(count: number): number[] {
  const ids = Array.from({ length: PRODUCT_COUNT }, (_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = randomInt(0, i);
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, Math.min(count, PRODUCT_COUNT));
}

/** A product id that does not exist, like a stale link from an old page. */
export function unknownProductId(): number {
  return randomInt(PRODUCT_COUNT + 1, 9999);
}
