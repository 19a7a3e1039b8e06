// .github/dependabot.yml: a valid config whose every directory holds its ecosystem's manifest.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ROOT } from '../apps.mjs';

// Each ecosystem Dependabot watches, and the file that must exist in its directory.
const DEPENDABOT_MANIFESTS = {
  npm: 'package.json',
  'github-actions': '.github/workflows',
  docker: 'Dockerfile',
  'docker-compose': 'docker-compose.yml',
  gomod: 'go.mod',
};
const DependabotConfig = z.strictObject({
  version: z.literal(2),
  updates: z.array(
    z.strictObject({
      'package-ecosystem': z.enum(Object.keys(DEPENDABOT_MANIFESTS)),
      directory: z.string().startsWith('/'),
      schedule: z.strictObject({ interval: z.enum(['daily', 'weekly', 'monthly']) }),
      'open-pull-requests-limit': z.number().int().min(1).optional(),
      groups: z
        .record(
          z.string(),
          z.strictObject({
            patterns: z.array(z.string()).optional(),
            'update-types': z.array(z.enum(['major', 'minor', 'patch'])).optional(),
          }),
        )
        .optional(),
      ignore: z
        .array(
          z.strictObject({
            'dependency-name': z.string(),
            'update-types': z.array(z.string().regex(/^version-update:semver-(major|minor|patch)$/)),
          }),
        )
        .optional(),
    }),
  ),
});

export function checkDependabot({ expect, read }) {
  const where = '.github/dependabot.yml';
  const parsed = DependabotConfig.safeParse(parseYaml(read(where)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) expect(false, where, `${issue.path.join('.')}: ${issue.message}`);
    return;
  }
  for (const update of parsed.data.updates) {
    const manifest = join(update.directory.slice(1), DEPENDABOT_MANIFESTS[update['package-ecosystem']]);
    expect(
      existsSync(join(ROOT, manifest)),
      where,
      `${update['package-ecosystem']} in ${update.directory}: no ${manifest}`,
    );
  }
  for (const ecosystem of ['npm', 'github-actions', 'docker']) {
    expect(
      parsed.data.updates.some((u) => u['package-ecosystem'] === ecosystem),
      where,
      `updates for ${ecosystem}`,
    );
  }
}
