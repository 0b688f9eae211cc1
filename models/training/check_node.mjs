#!/usr/bin/env node
// Offline load + parity check of a model folder with transformers.js (not wired into npm).
//
//   node models/training/check_node.mjs models/plod-base [--ref ref.json] [--no-python]
//
// * loads tokenizer and model (fp32 and q8) with remote models disabled;
// * builds sequences exactly like the runtime: each word encoded alone (add_special_tokens: false),
//   [CLS] pieces(w1) ... pieces(wN) [SEP], right padding with [PAD] / attention_mask 0,
//   label = argmax of the logits at each word's first piece;
// * compares token ids with the Python tokenizer (dump_reference.py) for all validation and train words;
// * compares ONNX logits with PyTorch logits, padded-batch labels with single-sentence labels, and
//   q8 labels with fp32 labels; reports validation span F1 and speed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { AutoModelForTokenClassification, AutoTokenizer, Tensor, env } from '@huggingface/transformers';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const modelDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(here, '..', 'plod-base'));
const refArg = args.includes('--ref') ? args[args.indexOf('--ref') + 1] : null;
const usePython = !args.includes('--no-python');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-check-'));
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = path.dirname(modelDir) + path.sep;
env.cacheDir = tmp;
const name = path.basename(modelDir);
const config = JSON.parse(fs.readFileSync(path.join(modelDir, 'config.json'), 'utf8'));
const id2label = config.id2label;

// ---- reference data --------------------------------------------------------------------------
let ref = null;
if (refArg) {
  ref = JSON.parse(fs.readFileSync(refArg, 'utf8'));
} else if (usePython) {
  const out = path.join(tmp, 'ref.json');
  try {
    execFileSync(process.env.PYTHON || 'python3', [path.join(here, 'dump_reference.py'), modelDir, out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    ref = JSON.parse(fs.readFileSync(out, 'utf8'));
  } catch (err) {
    console.log(`(python reference unavailable: ${err.message.split('\n')[0]})`);
  }
}

// ---- load ------------------------------------------------------------------------------------
let t0 = performance.now();
const tokenizer = await AutoTokenizer.from_pretrained(name);
const fp32 = await AutoModelForTokenClassification.from_pretrained(name, { device: 'cpu', dtype: 'fp32' });
const tLoad32 = performance.now() - t0;
t0 = performance.now();
const q8 = await AutoModelForTokenClassification.from_pretrained(name, { device: 'cpu', dtype: 'q8' });
const tLoadQ8 = performance.now() - t0;
console.log(
  `loaded ${name} offline from ${env.localModelPath}: fp32 ${tLoad32.toFixed(0)} ms, q8 ${tLoadQ8.toFixed(0)} ms`,
);

const clsToken = tokenizer.config.cls_token;
const CLS = tokenizer.convert_tokens_to_ids(clsToken);
const SEP = tokenizer.sep_token_id;
const PAD = tokenizer.pad_token_id;
const UNK = tokenizer.unk_token_id;
console.log(
  `special ids: ${clsToken}=${CLS} ${tokenizer.sep_token}=${SEP} ${tokenizer.pad_token}=${PAD} ${tokenizer.unk_token}=${UNK}`,
);
const declared = config.plod_tagger?.input ?? {};
if (declared.cls_token_id !== CLS || declared.sep_token_id !== SEP || declared.pad_token_id !== PAD) {
  throw new Error(
    `config.json plod_tagger.input ids ${JSON.stringify(declared)} differ from the tokenizer's`,
  );
}

// Models with rule features take a third input; its per-word ids come from dump_reference.py, which runs the
// runtime's own rules code (node_data.ts), so this check reuses them rather than reimplementing the rules.
const takesRules = fp32.sessions.model.inputNames.includes('rule_ids');
const ruleIdsBySentence = new Map();
function ruleIdsOf(words) {
  const ids = ruleIdsBySentence.get(words.join('\u0001'));
  if (!ids) throw new Error(`no rule features for: ${words.join(' ').slice(0, 80)}`);
  return ids;
}

const wordCache = new Map();
function encodeWord(word) {
  let ids = wordCache.get(word);
  if (!ids) {
    ids = tokenizer.encode(word, { add_special_tokens: false });
    wordCache.set(word, ids);
  }
  return ids;
}
function encodeSentence(words) {
  const ids = [CLS];
  const rules = [0];
  const wordRules = takesRules ? ruleIdsOf(words) : null;
  const first = [];
  for (const [k, w] of words.entries()) {
    let pieces = encodeWord(w);
    if (pieces.length === 0) pieces = [UNK];
    first.push(ids.length);
    ids.push(...pieces);
    rules.push(...pieces.map(() => (wordRules ? wordRules[k] : 0)));
  }
  ids.push(SEP);
  rules.push(0);
  return { ids, first, rules };
}
function makeBatch(encs, extraPad = 0) {
  const width = Math.max(...encs.map((e) => e.ids.length)) + extraPad;
  const ids = new BigInt64Array(encs.length * width).fill(BigInt(PAD));
  const mask = new BigInt64Array(encs.length * width);
  const rules = new BigInt64Array(encs.length * width);
  encs.forEach((e, b) => {
    e.ids.forEach((id, t) => {
      ids[b * width + t] = BigInt(id);
      mask[b * width + t] = 1n;
      rules[b * width + t] = BigInt(e.rules[t]);
    });
  });
  return {
    width,
    inputs: {
      input_ids: new Tensor('int64', ids, [encs.length, width]),
      attention_mask: new Tensor('int64', mask, [encs.length, width]),
      ...(takesRules && { rule_ids: new Tensor('int64', rules, [encs.length, width]) }),
    },
  };
}
/** Runs sentences in batches; returns per sentence { logits: number[][] (valid positions), labels: string[] }. */
async function run(model, sentences, batchSize = 16, { extraPad = 0, sortByLength = false } = {}) {
  const encs = sentences.map(encodeSentence);
  const order = encs.map((_, i) => i);
  if (sortByLength) order.sort((a, b) => encs[a].ids.length - encs[b].ids.length);
  const out = new Array(sentences.length);
  for (let s = 0; s < order.length; s += batchSize) {
    const idx = order.slice(s, s + batchSize);
    const batch = makeBatch(
      idx.map((i) => encs[i]),
      extraPad,
    );
    const { logits } = await model(batch.inputs);
    const data = logits.data;
    const L = logits.dims[2];
    idx.forEach((i, b) => {
      const rows = [];
      for (let t = 0; t < encs[i].ids.length; t++) {
        const off = (b * batch.width + t) * L;
        rows.push(Array.from(data.subarray(off, off + L)));
      }
      const labels = encs[i].first.map((p) => id2label[String(argmax(rows[p]))]);
      out[i] = { logits: rows, labels };
    });
  }
  return out;
}
function argmax(row) {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}
// Strict span-level scores, same convention as src/core/eval/metrics.ts.
function spans(tags) {
  const res = [];
  let open = null;
  tags.forEach((tag, i) => {
    if (tag === 'O') {
      open = null;
      return;
    }
    const label = tag.slice(2);
    if (tag.startsWith('I-') && open && open.label === label && open.end === i) {
      open.end = i + 1;
      return;
    }
    open = { label, start: i, end: i + 1 };
    res.push(open);
  });
  return res.map((s) => `${s.label}:${s.start}:${s.end}`);
}
function spanF1(gold, pred) {
  const c = { AC: [0, 0, 0], LF: [0, 0, 0] };
  gold.forEach((g, i) => {
    const gs = new Set(spans(g));
    const ps = new Set(spans(pred[i]));
    for (const label of ['AC', 'LF']) {
      const gl = [...gs].filter((s) => s.startsWith(label + ':'));
      const pl = [...ps].filter((s) => s.startsWith(label + ':'));
      const tp = pl.filter((s) => gs.has(s)).length;
      c[label][0] += tp;
      c[label][1] += pl.length - tp;
      c[label][2] += gl.length - tp;
    }
  });
  const f = ([tp, fp, fn]) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  return { AC: f(c.AC), LF: f(c.LF), micro: f([0, 1, 2].map((k) => c.AC[k] + c.LF[k])) };
}

const fallbackSentences = [
  'For this purpose the Gothenburg Young Persons Empowerment Scale ( GYPES ) was developed .',
  'The following physiological traits were measured : stomatal conductance ( gs , mol H2O m-2 s-1 ) .',
  'Magnetic resonance imaging ( MRI ) and computed tomography ( CT ) scans were reviewed .',
].map((s) => ({ words: s.split(' '), tags: null }));
const sentences = ref ? ref.sentences : fallbackSentences;
for (const s of sentences) if (s.rule_ids) ruleIdsBySentence.set(s.words.join('\u0001'), s.rule_ids);
if (takesRules && !ref) throw new Error(`${name} takes rule features; the check needs the Python reference`);
let failures = 0;

// ---- 1. token ids ------------------------------------------------------------------------------
if (ref) {
  let same = 0;
  const diffs = [];
  for (const [word, ids] of ref.word_ids) {
    const js = encodeWord(word);
    if (js.length === ids.length && js.every((v, k) => v === ids[k])) same++;
    else diffs.push({ word, python: ids, node: js });
  }
  const valWords = new Set(ref.sentences.flatMap((s) => s.words));
  const valSame = [...valWords].filter((w) => {
    const py = ref.word_ids.find(([x]) => x === w)[1];
    const js = encodeWord(w);
    return js.length === py.length && js.every((v, k) => v === py[k]);
  }).length;
  console.log(
    `token ids Python == Node: validation word types ${valSame}/${valWords.size}; validation + train + edge-case words ${same}/${ref.word_ids.length}`,
  );
  if (diffs.length) {
    failures++;
    console.log('  differences:', JSON.stringify(diffs.slice(0, 10)));
  }
}

// ---- 2. fp32 padded batches vs PyTorch, vs single sentences ------------------------------------
const batched = await run(
  fp32,
  sentences.map((s) => s.words),
  16,
);
const single = await run(
  fp32,
  sentences.map((s) => s.words),
  1,
);
const heavy = await run(
  fp32,
  sentences.map((s) => s.words),
  32,
  { extraPad: 37 },
);
let padDiff = 0;
let labelSame = 0;
let heavySame = 0;
let nWords = 0;
batched.forEach((b, i) => {
  b.logits.forEach((row, t) =>
    row.forEach((v, k) => (padDiff = Math.max(padDiff, Math.abs(v - single[i].logits[t][k])))),
  );
  b.labels.forEach((l, k) => {
    nWords++;
    if (l === single[i].labels[k]) labelSame++;
    if (heavy[i].labels[k] === single[i].labels[k]) heavySame++;
  });
});
console.log(
  `padded batch (16) vs single sentence: labels ${labelSame}/${nWords} identical, max |logit diff| ${padDiff.toExponential(2)}`,
);
console.log(`batch 32 + 37 extra pad columns vs single: labels ${heavySame}/${nWords} identical`);
if (labelSame !== nWords || heavySame !== nWords) failures++;

if (ref?.logits) {
  let maxAll = 0;
  let maxFirst = 0;
  let labelAgree = 0;
  const encs = sentences.map((s) => encodeSentence(s.words));
  batched.forEach((b, i) => {
    const py = ref.logits[i];
    if (py.length !== b.logits.length)
      throw new Error(`sentence ${i}: ${py.length} Python positions vs ${b.logits.length}`);
    b.logits.forEach((row, t) => row.forEach((v, k) => (maxAll = Math.max(maxAll, Math.abs(v - py[t][k])))));
    encs[i].first.forEach((p, k) => {
      for (let c = 0; c < 4; c++) maxFirst = Math.max(maxFirst, Math.abs(b.logits[p][c] - py[p][c]));
      if (id2label[String(argmax(py[p]))] === b.labels[k]) labelAgree++;
    });
  });
  console.log(
    `PyTorch (single sentences) vs ONNX fp32 (padded batches of 16): max |logit diff| all positions ${maxAll.toExponential(2)}, first pieces ${maxFirst.toExponential(2)}; labels ${labelAgree}/${nWords} identical`,
  );
  if (maxAll > 1e-3) failures++;
}

// ---- 3. q8 vs fp32 ---------------------------------------------------------------------------
const quant = await run(
  q8,
  sentences.map((s) => s.words),
  16,
);
let qSame = 0;
batched.forEach((b, i) => b.labels.forEach((l, k) => (qSame += l === quant[i].labels[k] ? 1 : 0)));
console.log(`q8 vs fp32 labels: ${qSame}/${nWords} = ${((100 * qSame) / nWords).toFixed(2)}% identical`);
if (qSame / nWords < 0.995) console.log('  (below the 99.5% target)');

if (sentences[0].tags) {
  const gold = sentences.map((s) => s.tags);
  const f32 = spanF1(
    gold,
    batched.map((b) => b.labels),
  );
  const fq8 = spanF1(
    gold,
    quant.map((b) => b.labels),
  );
  const fmt = (f) => `AC ${f.AC.toFixed(4)} LF ${f.LF.toFixed(4)} micro ${f.micro.toFixed(4)}`;
  console.log(`validation strict span F1 (Node): fp32 ${fmt(f32)}; q8 ${fmt(fq8)}`);
}

// ---- 4. sample output --------------------------------------------------------------------------
for (const i of [0, 1, 2].filter((i) => i < sentences.length)) {
  const s = sentences[i];
  const line = s.words
    .map((w, k) => (batched[i].labels[k] === 'O' ? w : `${w}/${batched[i].labels[k]}`))
    .join(' ');
  console.log(`\n[${i}] ${line}`);
  if (s.tags) {
    const wrong = s.words.map((w, k) => [w, s.tags[k], batched[i].labels[k]]).filter(([, g, p]) => g !== p);
    console.log(
      `    errors vs gold: ${wrong.length ? wrong.map(([w, g, p]) => `${w} gold ${g} got ${p}`).join('; ') : 'none'}`,
    );
  }
}

// ---- 5. speed ----------------------------------------------------------------------------------
const words = sentences.map((s) => s.words);
const many = [];
let count = 0;
while (count < 10000) {
  for (const w of words) {
    many.push(w);
    count += w.length;
    if (count >= 10000) break;
  }
}
for (const [label, model] of [
  ['fp32', fp32],
  ['q8', q8],
]) {
  await run(model, many.slice(0, 16), 16);
  wordCache.clear();
  const t = performance.now();
  await run(model, many, 16, { sortByLength: true });
  console.log(
    `\nspeed ${label}: ${count} words (${many.length} sentences, batches of 16 sorted by length, incl. tokenization) in ${(performance.now() - t).toFixed(0)} ms`,
  );
}

fs.rmSync(tmp, { recursive: true, force: true });
console.log(failures ? `\nFAILED checks: ${failures}` : '\nall checks passed');
process.exitCode = failures ? 1 : 0;
