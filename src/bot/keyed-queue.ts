/**
 * Runs work one item after the other per key (a conversation, a phone number) and concurrently across keys, so two
 * messages of one conversation arriving at once cannot both read and then overwrite its state. A failed item does
 * not stop the ones queued after it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const turn = previous.then(work, work);
    this.tails.set(key, turn);
    const settle = () => {
      if (this.tails.get(key) === turn) this.tails.delete(key);
    };
    turn.then(settle, settle);
    return turn;
  }

  /** Resolves once every item queued so far (and any queued meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }
}
