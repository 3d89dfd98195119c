/**
 * What an executor (load model) needs from the engine. The executor decides *when* iterations
 * start; the engine decides what an iteration is and records it.
 */
export interface IterationSource {
  /** False once the run is stopping or the iteration budget is spent; reserves one when true. */
  tryStart(): boolean;
  /** Runs one iteration for this user; never rejects. */
  runIteration(user: number): Promise<void>;
}

/** One problem with a load description: the field and what was expected. */
export interface LoadProblem {
  field: string;
  message: string;
}
