/** Records the one request a fake platform API was given, and answers it as the platform would. */
export class Recorder<T> {
  readonly calls: T[] = [];

  record(call: T): T {
    this.calls.push(call);
    return call;
  }

  get only(): T {
    if (this.calls.length !== 1) {
      throw new Error(`expected one call, got ${this.calls.length}`);
    }

    return this.calls[0]!;
  }
}
