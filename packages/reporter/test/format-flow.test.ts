import { flowItems, labelledLine, wrapWords } from '../src/format-flow.js';

describe('flowItems', () => {
  test('one line when it fits', () => {
    expect(flowItems('  status  ', ['1xx 0', '2xx 14953'], 80)).toEqual(['  status  1xx 0  2xx 14953']);
  });

  test('wraps between items, continuation lines hang under the first item', () => {
    expect(flowItems('  s  ', ['aaaa', 'bbbb', 'cccc'], 15)).toEqual(['  s  aaaa  bbbb', '     cccc']);
  });
});

describe('labelledLine', () => {
  test('pads the label and wraps the value after its commas', () => {
    expect(labelledLine('runs', '5000: 4990 succeeded, 10 failed, 2 interrupted', { labelWidth: 8, width: 40 })).toEqual(['  runs      5000: 4990 succeeded,', '            10 failed, 2 interrupted']);
  });
});

describe('wrapWords', () => {
  test('wraps between words within the width, after the indent', () => {
    const lines = wrapWords('warm-up 2.0 s: 1234 iterations, 3702 requests, not in the statistics', 40, 2);
    expect(lines).toEqual(['  warm-up 2.0 s: 1234 iterations, 3702', '  requests, not in the statistics']);
  });
});
