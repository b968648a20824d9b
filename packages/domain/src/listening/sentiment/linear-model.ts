/**
 * A multinomial logistic regression over hashed sparse features, trained by AdaGrad with a fixed seed and a fixed
 * number of epochs, so that the same corrections always give the same model. Each example carries an offset (the
 * lexicon's logits): the model learns a correction on top of the rules, and with few examples it stays close to them.
 */

export type SparseVector = { indices: Int32Array; values: Float32Array };

export type TrainingExample = { features: SparseVector; offset: readonly number[]; label: number };

export type TrainingOptions = {
  /** Number of weights per class; feature indices must be below it. */
  dimension: number;
  classes: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2: number;
  seed: number;
};

export type LinearModel = { dimension: number; classes: number; weights: Float32Array };

/** Small deterministic PRNG (mulberry32): the shuffling order depends on the seed alone. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Class probabilities for one example (softmax of offset + weights · features). */
export function predictProbabilities(model: LinearModel, features: SparseVector, offset: readonly number[]): number[] {
  const { classes, dimension, weights } = model;
  const logits: number[] = [];
  for (let label = 0; label < classes; label += 1) {
    let logit = offset[label] ?? 0;
    const base = label * dimension;
    for (let position = 0; position < features.indices.length; position += 1) {
      logit +=
        (weights[base + (features.indices[position] as number)] as number) * (features.values[position] as number);
    }
    logits.push(logit);
  }
  const max = Math.max(...logits);
  let total = 0;
  const exponentials = logits.map((logit) => {
    const value = Math.exp(logit - max);
    total += value;
    return value;
  });
  return exponentials.map((value) => value / total);
}

/**
 * Trains the model; about 2,000 short texts take well under a second.
 * @example trainLinearModel(examples, { dimension: 1 << 18, classes: 3, epochs: 12, learningRate: 0.2, l2: 1e-5, seed: 7 })
 */
export function trainLinearModel(examples: readonly TrainingExample[], options: TrainingOptions): LinearModel {
  const { dimension, classes } = options;
  const model: LinearModel = { dimension, classes, weights: new Float32Array(dimension * classes) };
  const squaredGradients = new Float32Array(dimension * classes);
  const random = seededRandom(options.seed);
  const order = examples.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let index = order.length - 1; index > 0; index -= 1) {
      const swap = Math.floor(random() * (index + 1));
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    for (const exampleIndex of order) {
      const example = examples[exampleIndex] as TrainingExample;
      const probabilities = predictProbabilities(model, example.features, example.offset);
      for (let label = 0; label < classes; label += 1) {
        const error = (probabilities[label] as number) - (label === example.label ? 1 : 0);
        const base = label * dimension;
        for (let position = 0; position < example.features.indices.length; position += 1) {
          const slot = base + (example.features.indices[position] as number);
          const weight = model.weights[slot] as number;
          const gradient = error * (example.features.values[position] as number) + options.l2 * weight;
          const accumulated = (squaredGradients[slot] as number) + gradient * gradient;
          squaredGradients[slot] = accumulated;
          model.weights[slot] = weight - (options.learningRate * gradient) / Math.sqrt(accumulated + 1e-8);
        }
      }
    }
  }
  return model;
}
