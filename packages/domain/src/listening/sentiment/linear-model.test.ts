import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predictProbabilities, trainLinearModel, type TrainingExample } from './linear-model.ts';

const vector = (indices: number[]) => ({
  indices: Int32Array.from(indices),
  values: Float32Array.from(indices.map(() => 1)),
});
const options = { dimension: 8, classes: 3, epochs: 30, learningRate: 0.5, l2: 0, seed: 1 };

describe('trainLinearModel', () => {
  // Feature 0 is a bias; features 1, 2, 3 each announce one class.
  const examples: TrainingExample[] = [1, 2, 3, 1, 2, 3].map((feature) => ({
    features: vector([0, feature]),
    offset: [0, 0, 0],
    label: feature - 1,
  }));

  it('learns which feature announces which class', () => {
    const model = trainLinearModel(examples, options);
    for (const feature of [1, 2, 3]) {
      const probabilities = predictProbabilities(model, vector([0, feature]), [0, 0, 0]);
      const best = probabilities.indexOf(Math.max(...probabilities));
      assert.equal(best, feature - 1);
      assert.ok((probabilities[best] as number) > 0.8);
    }
  });

  it('keeps the offset where the features say nothing', () => {
    const model = trainLinearModel(examples, options);
    const probabilities = predictProbabilities(model, vector([5]), [0, 0, 3]);
    assert.ok((probabilities[2] as number) > 0.9);
  });

  it('gives the same weights for the same seed, and other weights for another seed', () => {
    const first = trainLinearModel(examples, { ...options, epochs: 2 });
    const second = trainLinearModel(examples, { ...options, epochs: 2 });
    const third = trainLinearModel(examples, { ...options, epochs: 2, seed: 2 });
    assert.deepEqual(first.weights, second.weights);
    assert.notDeepEqual(first.weights, third.weights);
  });

  it('returns probabilities that sum to one', () => {
    const model = trainLinearModel(examples, options);
    const sum = predictProbabilities(model, vector([0, 1, 2]), [1, -1, 0.5]).reduce((total, value) => total + value, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
  });
});
