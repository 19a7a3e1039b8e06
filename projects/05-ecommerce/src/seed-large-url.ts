/** Where `pnpm seed:large` puts the large catalog, and where bench/at-scale.ts reads it. */

/** DATABASE_URL's database with `_large` (`_large_tenth` at scale 0.1): a database of its own. */
export function largeDatabaseUrl(databaseUrl: string, scale: number): string {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'ecommerce';
  const suffix = scale === 1 ? '' : scale === 0.1 ? '_tenth' : `_${String(scale).replace('.', '_')}`;
  url.pathname = `/${name}_large${suffix}`;
  return url.toString();
}
