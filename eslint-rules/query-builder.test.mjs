// node --test eslint-rules/: the rule itself (RuleTester), and the project's config switching it on
// where it belongs (a query outside a repository fails lint; a repository's, messaging's and a
// test's do not).
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import queryBuilder from './query-builder.mjs';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('sql/only-repository-queries', () => {
  new RuleTester({ languageOptions: { parser: tseslint.parser } }).run(
    'only-repository-queries',
    queryBuilder.rules['only-repository-queries'],
    {
      valid: [
        'await this.orders.create(trx, order, lines, reservations);',
        'await sql`select 1`.execute(db);',
        'const selectFrom = 1; use(selectFrom);',
        "obj['selectFrom']('orders');",
      ],
      invalid: ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom'].map((method) => ({
        code: `await trx.${method}('orders').execute();`,
        errors: [{ messageId: 'query', data: { method } }],
      })),
    },
  );
});

describe('the e-commerce lint config', () => {
  const eslint = new ESLint({ cwd: root });
  const query = "export const rows = (db: { selectFrom(t: string): unknown }) => db.selectFrom('orders');\n";
  const errorsOf = async (file) => {
    const [result] = await eslint.lintText(query, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'sql/only-repository-queries').length;
  };

  it('fails a query in a service, a consumer, a provider or a job', async () => {
    for (const file of [
      'projects/05-ecommerce/src/shop/modules/orders/order.service.ts',
      'projects/05-ecommerce/src/notifications/modules/order-mail/order-mail.consumer.ts',
      'projects/05-ecommerce/src/payments/providers/fake-provider.ts',
      'projects/05-ecommerce/src/shop/jobs/reservation-expiry.ts',
    ])
      assert.equal(await errorsOf(file), 1, file);
  });

  it('lets repositories, the messaging platform and tests query', async () => {
    for (const file of [
      'projects/05-ecommerce/src/shop/modules/orders/order.repository.ts',
      'projects/05-ecommerce/src/platform/messaging/outbox.ts',
      'projects/05-ecommerce/src/shop/modules/orders/order-state.test.ts',
      'projects/05-ecommerce/test/orders.test.ts',
    ])
      assert.equal(await errorsOf(file), 0, file);
  });
});
