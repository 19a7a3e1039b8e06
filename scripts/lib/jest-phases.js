// Jest's Node environment, timing each phase of a test file when JEST_PHASES names a file: loading
// (the test file and its imports), setup (beforeAll), tests (with beforeEach/afterEach), teardown
// (afterAll), and the worker's CPU over the file. One JSON line per file, appended.
const { appendFileSync } = require('node:fs');
const { createRequire } = require('node:module');

// jest-environment-node is a dependency of jest-config, not of the workspace root.
const fromJest = createRequire(createRequire(require.resolve('jest')).resolve('@jest/core'));
const { TestEnvironment } = createRequire(fromJest.resolve('jest-config'))('jest-environment-node');

class PhaseTimingEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.file = process.env.JEST_PHASES;
    this.testPath = context.testPath;
    this.cpu = process.cpuUsage();
    this.began = performance.now();
    this.marks = { setup: 0, tests: 0, teardown: 0 };
    this.phaseStart = 0;
  }

  handleTestEvent(event) {
    if (!this.file) return;
    const now = performance.now();
    if (event.name === 'run_start') this.loaded = now - this.began;
    const hookPhase = { beforeAll: 'setup', afterAll: 'teardown' }[event.hook?.type];
    if (event.name === 'hook_start' && hookPhase) this.phaseStart = now;
    if ((event.name === 'hook_success' || event.name === 'hook_failure') && hookPhase) {
      this.marks[hookPhase] += now - this.phaseStart;
    }
    if (event.name === 'test_start') this.phaseStart = now;
    if (event.name === 'test_done') this.marks.tests += now - this.phaseStart;
  }

  async teardown() {
    await super.teardown();
    if (!this.file) return;
    const cpu = process.cpuUsage(this.cpu);
    const ms = (value) => Math.round(value);
    const line = {
      file: this.testPath,
      wall: ms(performance.now() - this.began),
      load: ms(this.loaded ?? 0),
      setup: ms(this.marks.setup),
      tests: ms(this.marks.tests),
      teardown: ms(this.marks.teardown),
      cpu: ms((cpu.user + cpu.system) / 1000),
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

module.exports = PhaseTimingEnvironment;
