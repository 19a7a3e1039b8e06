// pnpm's hook on package manifests, read at install. bull-board's API validates with valibot, whose
// optional TypeScript peer pnpm resolves whenever TypeScript is in the graph (the workspace's dev tool):
// that would ship a compiler in the e-commerce deploy folders, which need none at run time.
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'valibot') {
        delete pkg.peerDependencies?.typescript;
        delete pkg.peerDependenciesMeta?.typescript;
      }
      return pkg;
    },
  },
};
