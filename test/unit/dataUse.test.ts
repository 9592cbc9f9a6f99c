/**
 * A name used as a dataset or benchmark (core/dataUse.ts): the list shapes that the judged
 * errors of the recognition bench showed (a method paper's name listed among the datasets a text
 * evaluates on), written here in sentences of our own with the same shapes; the arXiv text they
 * were found in may not ship.
 */
import { strict as assert } from 'node:assert';
import { dataUseAt, isDataName } from '../../src/core/dataUse';

/** `dataUseAt` at the first occurrence of `name` in `text`. */
function useOf(text: string, name: string): string | undefined {
  const at = text.indexOf(name);
  assert.ok(at >= 0, `no "${name}" in ${text}`);
  return dataUseAt(text, at, at + name.length);
}

describe('dataUseAt', () => {
  it('reads a name listed after a dataset word', () => {
    const cases: [string, string, string][] = [
      ['Results on four video datasets: Kinetics, HMDB, COIN and Diving48 are reported.', 'COIN', 'datasets: Kinetics, HMDB, COIN'],
      ['We test on two retrieval benchmarks -- MSRVTT, COIN, and others.', 'COIN', 'benchmarks -- MSRVTT, COIN'],
      ['Experiments on public datasets (Alpha, Beta-2, RAVE) show gains.', 'RAVE', 'datasets (Alpha, Beta-2, RAVE'],
      ['It is tested on three scans datasets, namely EDS, Scan-X, and PIDray.', 'EDS', 'datasets, namely EDS'],
      ['strong on video benchmarks including MVBench and others', 'MVBench', 'benchmarks including MVBench'],
      ['across four benchmarks (e.g., MVBench, NextQA).', 'MVBench', 'benchmarks (e.g., MVBench'],
      ['across four benchmarks such as Video-MME and TemporalBench.', 'TemporalBench', 'benchmarks such as Video-MME and TemporalBench'],
      ['best on the corpora: WikiText, The Pile and C4', 'C4', 'corpora: WikiText, The Pile and C4'],
    ];
    for (const [text, name, want] of cases) assert.equal(useOf(text, name), want, text);
  });

  it('reads a name followed by the rest of its list and a dataset word, or described as one', () => {
    const cases: [string, string, string][] = [
      ['Our model does well on the MIST and BCI datasets.', 'MIST', 'MIST and BCI datasets'],
      ['We report results on MultiVENT 2.0 and TVR, two video retrieval benchmarks.', 'MultiVENT', 'MultiVENT 2.0 and TVR, two video retrieval benchmarks'],
      ['We reach 62% on the MeViS test set.', 'MeViS', 'MeViS test set'],
      ['We evaluate on the Real-IAD dataset.', 'Real-IAD', 'Real-IAD dataset'],
      ['We use the ABCD [8] dataset.', 'ABCD', 'ABCD [8] dataset'],
      ['We introduce GeoSense, the first bilingual geometry benchmark.', 'GeoSense', 'GeoSense, the first bilingual geometry benchmark'],
      ['MeViS is a recent dataset of motion expressions.', 'MeViS', 'MeViS is a recent dataset'],
      ['We evaluate on `COIN` and `Breakfast` benchmarks.', 'COIN', 'COIN` and `Breakfast` benchmarks'],
    ];
    for (const [text, name, want] of cases) assert.equal(useOf(text, name), want, text);
  });

  it('reads nothing where the name is a method, a model or a verb\'s object', () => {
    for (const [text, name] of [
      ['We run comparative experiments on ICH-Qwen, with results showing gains.', 'ICH-Qwen'],
      ['We compare ECLARE to spline interpolation, SMORE, and other SR methods.', 'SMORE'],
      ['This paper benchmarks SlowFast and I3D on the new data.', 'SlowFast'],
      ['We train CLIP and BLIP on datasets of our own.', 'BLIP'],
      ['We fine-tune large pretrained models (FLUX, Kandinsky) on medical images.', 'FLUX'],
      ['newer models like Video-R1 and VideoChat-R1. On benchmarks they fail.', 'VideoChat-R1'],
      ['Across benchmarks, LLaMA outperforms GPT-3.', 'LLaMA'],
      ['We evaluate LoRAT on the LaSOT benchmark.', 'LoRAT'],
      ['the dataset and LoRAT, our tracker, are released', 'LoRAT'],
      ['Benchmarks LoRAT well.', 'LoRAT'],
    ]) assert.equal(useOf(text, name), undefined, text);
  });

  it('gives the words it read on one line, each run of spaces one space', () => {
    assert.equal(useOf('Results on the datasets:\n  MSRVTT,   COIN and others.', 'COIN'), 'datasets: MSRVTT, COIN');
    assert.equal(useOf('We test COIN  and\n  Breakfast   benchmarks.', 'COIN'), 'COIN and Breakfast benchmarks');
  });

  it('looks no further than 140 characters either side', () => {
    assert.equal(useOf(`datasets: ${'Abc, '.repeat(30)}COIN`, 'COIN'), undefined);
    assert.equal(useOf(`COIN${' and Abc'.repeat(25)} datasets`, 'COIN'), undefined);
    assert.ok(useOf(`datasets: ${'Abc, '.repeat(20)}COIN`, 'COIN'));
  });
});

describe('isDataName', () => {
  it('takes a dataset, benchmark or challenge title', () => {
    for (const title of ['MeViS: A Multi-Modal Dataset for Motion Expressions', 'TemporalBench: Evaluating Agents', 'A Benchmark of Things', 'SemEval-2025 Task 9: The Food Hazard Detection Challenge', 'A New Corpus of Notes']) {
      assert.equal(isDataName(title, '', 'X'), true, title);
    }
    assert.equal(isDataName('GeoSense: Geometric Perception for Multimodal Models', 'We curate a dataset for fine-tuning.', 'GeoSense'), false);
  });

  it('takes a name the abstract itself uses as a dataset or benchmark', () => {
    assert.equal(isDataName('4D-VLA: Spatiotemporal Pretraining', 'We then introduce MV-Bench, a multi-view simulation benchmark.', 'MV-Bench'), true);
    assert.equal(isDataName('4D-VLA: Spatiotemporal Pretraining', 'We then introduce MV-Bench, a multi-view simulation benchmark.', '4D-VLA'), false);
    // The second occurrence is the one used as a benchmark.
    assert.equal(isDataName('FEA: Reasoning', 'FEA is hard. We present FEA, a benchmark of physics problems.', 'FEA'), true);
  });
});
