import { CleanupStack, isWorkflow, workflow } from '@go-heavy/core';

describe('workflow()', () => {
  it('brands the definition so any copy of core recognises it', () => {
    const wf = workflow({ run() {} });
    expect(isWorkflow(wf)).toBe(true);
    expect(isWorkflow({ run() {} })).toBe(false);
    expect(isWorkflow(null)).toBe(false);
    expect(Object.isFrozen(wf)).toBe(true);
  });

  it.each([
    [{}, /`run` must be a function/],
    [{ run: 1 }, /`run` must be a function/],
    [{ run() {}, init: 'x' }, /`init` must be a function/],
    [{ run() {}, name: '' }, /`name` must be a non-empty string/],
  ])('rejects %p', (definition, message) => {
    expect(() => workflow(definition as never)).toThrow(message);
  });
});

describe('CleanupStack', () => {
  it('runs newest first, every one even when some throw, and returns the errors', async () => {
    const stack = new CleanupStack();
    const order: number[] = [];
    stack.push(() => {
      order.push(1);
    });
    stack.push(() => {
      throw new Error('two');
    });
    stack.push(async () => {
      order.push(3);
    });
    const errors = await stack.runAll();
    expect(order).toEqual([3, 1]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['two']);
    expect(stack.size).toBe(0);
    expect(await stack.runAll()).toEqual([]);
  });
});
