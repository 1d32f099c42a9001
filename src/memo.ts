/**
 * Remembers what was worked out for a key, so that every email of a connector does not work out
 * the same thing again: its config is checked, its endpoint parsed and its keys decoded once. At
 * most `max` keys are kept, then all are forgotten at once: a connector has a few configs and one
 * endpoint, not thousands.
 */
export const boundedMemo = <Value>(max: number) => {
  const known = new Map<string, Value>();
  return (key: string, workOut: () => Value): Value => {
    if (known.has(key)) {
      return known.get(key)!;
    }
    // Worked out before it is kept: what throws is not remembered.
    const value = workOut();
    if (known.size >= max) {
      known.clear();
    }
    known.set(key, value);
    return value;
  };
};
