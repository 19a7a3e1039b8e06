// The one Dockerfile: valid (dockerfile-utils), and keeping the rules every image relies on.
import { validate as validateDockerfile } from 'dockerfile-utils';

export function checkDockerfile({ expect, read }) {
  const text = read('Dockerfile');
  for (const diagnostic of validateDockerfile(text)) {
    expect(false, `Dockerfile:${diagnostic.range.start.line + 1}`, diagnostic.message);
  }
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const rules = [
    [/^ARG APP$/m.test(text), 'takes the app as build argument APP'],
    [/scripts\/deploy-folder\.sh "\$APP" \/out/.test(text), 'builds the deploy folder with scripts/deploy-folder.sh'],
    [/^COPY --from=build \/out\/ \.\/$/m.test(runtime), 'the runtime stage copies only the deploy folder'],
    [!/^COPY (?!--from=)/m.test(runtime), 'the runtime stage copies nothing from the build context'],
    [/^USER node$/m.test(runtime), 'runs as the unprivileged node user'],
    [/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m.test(runtime), 'runs under tini as PID 1'],
    [/^HEALTHCHECK [\s\S]*\/healthz/m.test(runtime), 'has a HEALTHCHECK on /healthz'],
    [
      /^CMD \["node", "--enable-source-maps", "\."\]$/m.test(runtime),
      'starts `node .` (the entry deploy-folder.sh set)',
    ],
    [!/^VOLUME /m.test(text), 'declares no VOLUME (Railway refuses it; compose and platforms mount volumes)'],
  ];
  for (const [ok, rule] of rules) expect(ok, 'Dockerfile', rule);
  const ignored = new Set(
    read('.dockerignore')
      .split('\n')
      .map((line) => line.trim()),
  );
  for (const pattern of ['**/node_modules', '**/dist', '.git', '.data', 'secrets', '**/.env', '**/.env.*']) {
    expect(ignored.has(pattern), '.dockerignore', `keep ${pattern} out of the build context`);
  }
}
