// The SQL twin of the Mongo projects' "only the repository creates its model" rule: in a project on
// Kysely, only a feature's repository (`<x>.repository.ts`) builds queries for its tables. Which
// files may is decided where the rule is switched on (eslint.config.mjs): repositories, the
// messaging platform (outbox and inbox tables) and tests are left out of it there.
const QUERY_BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom']);

const onlyRepositoryQueries = {
  meta: {
    type: 'problem',
    docs: { description: "Only a feature's repository calls the query builder (selectFrom, insertInto, ...)." },
    schema: [],
    messages: {
      query:
        "'{{method}}' outside a repository: move this query into the feature's <x>.repository.ts and call it from here (pass the transaction in).",
    },
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        if (!QUERY_BUILDERS.has(callee.property.name)) return;
        context.report({ node: callee.property, messageId: 'query', data: { method: callee.property.name } });
      },
    };
  },
};

export default { rules: { 'only-repository-queries': onlyRepositoryQueries } };
