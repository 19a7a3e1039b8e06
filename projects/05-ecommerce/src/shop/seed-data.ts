/**
 * Demo catalog for `pnpm seed`: 6 categories, 60 products, each with 1-3 variants and stock levels from
 * none to plenty (so the in-stock facet and the low-stock list have something to show). No image URLs:
 * the storefront draws each product's picture itself, so nothing is fetched from the internet.
 */
import type { ProductInput } from './modules/catalog/product.schemas.js';

export const CATEGORIES = [
  { slug: 'kitchen', name: 'Kitchen' },
  { slug: 'garden', name: 'Garden' },
  { slug: 'apparel', name: 'Apparel' },
  { slug: 'books', name: 'Books' },
  { slug: 'toys', name: 'Toys' },
  { slug: 'office', name: 'Office' },
];

const ITEMS: Record<string, [string, string][]> = {
  kitchen: [
    ['Copper Kettle', 'Boils water fast on gas, electric and induction stoves.'],
    ['Cast Iron Skillet', 'Pre-seasoned 26 cm pan that lasts for generations.'],
    ['Chef Knife', 'Forged steel, 20 cm blade, balanced handle.'],
    ['Espresso Cups', 'Four double-walled glass cups.'],
    ['Bamboo Cutting Board', 'Large board with a juice groove.'],
    ['Pour-Over Coffee Maker', 'Glass carafe with a steel filter.'],
    ['Ceramic Mixing Bowls', 'Nesting set of three bowls.'],
    ['Linen Tea Towels', 'Pack of two absorbent towels.'],
    ['Spice Rack', 'Wall-mounted oak rack for twelve jars.'],
    ['Enamel Teapot', 'Blue enamel teapot, 1.2 litres, with a steel infuser.'],
  ],
  garden: [
    ['Garden Hose', 'Kink-free 20 m hose with a brass nozzle.'],
    ['Pruning Shears', 'Bypass shears for branches up to 2 cm.'],
    ['Watering Can', 'Galvanised 9 litre can with a rose.'],
    ['Raised Bed Kit', 'Cedar planks for a 120 x 60 cm bed.'],
    ['Bird Feeder', 'Squirrel-proof hanging feeder.'],
    ['Herb Seed Collection', 'Basil, parsley, chives, thyme and mint.'],
    ['Garden Gloves', 'Breathable gloves with grip palms.'],
    ['Solar Path Lights', 'Set of six warm-white lights.'],
    ['Compost Bin', 'Slatted 300 litre bin that assembles without tools.'],
    ['Hanging Planter', 'Macrame hanger with a glazed pot.'],
  ],
  apparel: [
    ['Merino T-Shirt', 'Soft, odour-resistant merino wool tee.'],
    ['Rain Jacket', 'Packable waterproof jacket with a hood.'],
    ['Wool Socks', 'Cushioned hiking socks, pair.'],
    ['Canvas Tote', 'Heavy cotton bag with an inner pocket.'],
    ['Knit Beanie', 'Ribbed hat in recycled yarn.'],
    ['Denim Shirt', 'Washed denim with pearl snaps.'],
    ['Running Shorts', 'Light shorts with a zip pocket.'],
    ['Leather Belt', 'Full-grain belt with a brass buckle.'],
    ['Fleece Hoodie', 'Warm brushed fleece with a kangaroo pocket.'],
    ['Linen Apron', 'Stonewashed linen with two deep pockets.'],
  ],
  books: [
    ['Designing Data-Intensive Applications', 'Reliable, scalable, maintainable systems.'],
    ['The Pragmatic Programmer', 'From journeyman to master.'],
    ['Release It!', 'Design and deploy production-ready software.'],
    ['Refactoring', 'Improving the design of existing code.'],
    ['Database Internals', 'How distributed data systems work.'],
    ['Node.js Design Patterns', 'Server-side JavaScript, done well.'],
    ['The Art of PostgreSQL', 'SQL for application developers.'],
    ['Site Reliability Engineering', 'How Google runs production systems.'],
    ['Clean Architecture', "A craftsman's guide to software structure."],
    ['Working Effectively with Legacy Code', 'Changing code you are afraid of.'],
  ],
  toys: [
    ['Wooden Train Set', 'Forty pieces of beech track and carriages.'],
    ['Puzzle Cube', 'Smooth-turning speed cube.'],
    ['Building Blocks', 'Two hundred colourful blocks in a tub.'],
    ['Kite', 'Easy-flying delta kite with line.'],
    ['Plush Fox', 'Soft toy, 30 cm.'],
    ['Marble Run', 'Build-your-own track with glass marbles.'],
    ['Card Game', 'Fast family game for 2-6 players.'],
    ['Yo-Yo', 'Ball-bearing yo-yo for tricks.'],
    ['Wooden Abacus', 'One hundred beads for first sums.'],
    ['Jigsaw Puzzle', 'A thousand pieces of an alpine lake.'],
  ],
  office: [
    ['Notebook', 'A5 dot-grid notebook, 192 pages.'],
    ['Fountain Pen', 'Steel nib with a converter.'],
    ['Desk Lamp', 'Dimmable LED lamp with a warm setting.'],
    ['Monitor Stand', 'Oak stand with a drawer.'],
    ['Cable Organiser', 'Felt tray for chargers and cables.'],
    ['Standing Desk Mat', 'Anti-fatigue mat, 90 x 50 cm.'],
    ['Sticky Notes', 'Twelve pads in muted colours.'],
    ['Ergonomic Mouse', 'Vertical wireless mouse.'],
    ['Desk Organiser', 'Walnut tray for pens, clips and a phone.'],
    ['Mechanical Keyboard', 'Tenkeyless board with quiet tactile switches.'],
  ],
};

const VARIANT_SETS: { options: Record<string, string>; skuSuffix: string; priceFactor: number }[][] = [
  [{ options: {}, skuSuffix: 'STD', priceFactor: 1 }],
  [
    { options: { size: 'S' }, skuSuffix: 'S', priceFactor: 1 },
    { options: { size: 'M' }, skuSuffix: 'M', priceFactor: 1 },
    { options: { size: 'L' }, skuSuffix: 'L', priceFactor: 1.1 },
  ],
  [
    { options: { colour: 'black' }, skuSuffix: 'BLK', priceFactor: 1 },
    { options: { colour: 'green' }, skuSuffix: 'GRN', priceFactor: 1.05 },
  ],
];

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** 60 products, priced and stocked deterministically so the seed is the same on every run. */
export function demoProducts(): ProductInput[] {
  const products: ProductInput[] = [];
  let n = 0;
  for (const [category, items] of Object.entries(ITEMS)) {
    for (const [name, description] of items) {
      n += 1;
      const slug = slugify(name);
      const base = 500 + ((n * 733) % 29_500);
      const set = VARIANT_SETS[category === 'apparel' ? 1 : n % 3 === 0 ? 2 : 0]!;
      products.push({
        slug,
        name,
        description,
        categorySlug: category,
        imageUrls: [],
        published: n % 17 !== 0,
        variants: set.map((variant, i) => ({
          sku: `${slug.slice(0, 12).toUpperCase()}-${variant.skuSuffix}-${n}`.replace(/-+/g, '-'),
          options: variant.options,
          priceMinor: Math.round((base * variant.priceFactor) / 10) * 10 - 1,
          currency: 'EUR',
          onHand: (n * 7 + i * 3) % 40,
        })),
      });
    }
  }
  return products;
}
