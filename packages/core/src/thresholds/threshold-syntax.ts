/** The comparisons a threshold can make. */
export type ThresholdOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** A threshold that could not be read; `message` says what was expected. */
export class ThresholdSyntaxError extends Error {
  constructor(
    readonly expr: string,
    message: string,
  ) {
    super(`threshold "${expr}": ${message}`);
    this.name = 'ThresholdSyntaxError';
  }
}
