import { testLogger } from '@roadmap/testing';
import { runPeriodically } from './data-retention.js';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('runPeriodically', () => {
  it('runs at once and then every interval', async () => {
    const task = jest.fn(() => Promise.resolve());
    const periodic = runPeriodically('test', 1000, task, testLogger('periodic'));
    expect(task).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(2500);
    expect(task).toHaveBeenCalledTimes(3);
    await periodic.stop();
  });

  it('never starts a run while the previous one is still going, and stop() waits for it', async () => {
    let finish = () => {};
    const task = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const periodic = runPeriodically('test', 1000, task, testLogger('periodic'));

    await jest.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(3000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('keeps running after a failed run', async () => {
    const task = jest.fn(() => Promise.reject(new Error('database down')));
    const periodic = runPeriodically('test', 1000, task, testLogger('periodic'));

    await jest.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(2);
    await periodic.stop();
  });
});
