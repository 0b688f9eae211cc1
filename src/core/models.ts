import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelDtype } from './taggers/onnx';

export const RULES_MODEL = 'rules';
export const DEFAULT_MODEL = 'plod-small';

/** A model shipped in `models/` (or any folder given by path), as read from its config.json. */
export interface ModelInfo {
  name: string;
  displayName: string;
  description: string;
  folder: string;
}

/** A model as the user chose it: `rules` or a shipped model by its name, or an HF-format folder by its path. */
export type ModelRef = { kind: 'shipped'; name: string } | { kind: 'folder'; path: string };

/** The identity of a model reference: equal keys load the same model. */
export function modelRefKey(ref: ModelRef): string {
  return ref.kind === 'folder' ? `folder:${path.resolve(ref.path)}` : `shipped:${ref.name}`;
}

/** What `loadTagger` takes for a reference: the name, or the folder's absolute path (never read as a name). */
export function modelRefTarget(ref: ModelRef): string {
  return ref.kind === 'folder' ? path.resolve(ref.path) : ref.name;
}

/** A model folder that cannot be used; the message says which file is wrong and how. */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** The project's `models/` folder; `PLOD_TAGGER_MODELS` points elsewhere. */
export function modelsDir(): string {
  if (process.env.PLOD_TAGGER_MODELS) return path.resolve(process.env.PLOD_TAGGER_MODELS);
  return path.join(packageRoot(), 'models');
}

export function packageRoot(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && readJson(manifest)?.name === 'plod-tagger') return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the plod-tagger package above ${start}`);
  }
}

/** The shipped models, in name order. */
export function listModels(dir = modelsDir()): ModelInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'config.json')))
    .map((entry) => describeFolder(path.join(dir, entry.name)))
    .filter((info): info is ModelInfo => info !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function modelNames(dir = modelsDir()): string[] {
  return [...listModels(dir).map((m) => m.name), RULES_MODEL];
}

export function resolveFolder(nameOrPath: string, dir = modelsDir()): { folder: string; name: string } {
  const shipped = listModels(dir).find((m) => m.name === nameOrPath);
  if (shipped) return { folder: shipped.folder, name: shipped.name };
  const looksLikePath = /[\\/]/.test(nameOrPath) || nameOrPath.startsWith('.') || path.isAbsolute(nameOrPath);
  if (looksLikePath || fs.existsSync(nameOrPath)) {
    const folder = path.resolve(nameOrPath);
    if (!fs.existsSync(folder)) throw new ModelError(`model folder ${folder} does not exist`);
    if (!fs.statSync(folder).isDirectory()) throw new ModelError(`${folder} is not a folder`);
    return { folder, name: describeFolder(folder)?.name ?? path.basename(folder) };
  }
  throw new ModelError(
    `unknown model "${nameOrPath}"; the models are ${modelNames(dir).join(', ')}, or give the path of an HF-format folder`,
  );
}

/** Check that a folder has what the ONNX tagger needs, and pick the ONNX file to use. */
export function checkFolder(folder: string): ModelDtype {
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    const full = path.join(folder, file);
    if (!fs.existsSync(full)) throw new ModelError(`model folder ${folder} has no ${file}`);
    if (readJson(full) === undefined) throw new ModelError(`${full} is not valid JSON`);
  }
  const config = readJson(path.join(folder, 'config.json')) as Record<string, unknown>;
  if (!config.id2label) throw new ModelError(`${path.join(folder, 'config.json')} has no id2label`);
  const preferred = (config.plod_tagger as { dtype?: ModelDtype } | undefined)?.dtype;
  const present = (['fp32', 'q8'] as const).filter((dtype) => fs.existsSync(onnxFile(folder, dtype)));
  if (present.length === 0) {
    throw new ModelError(`model folder ${folder} has neither onnx/model.onnx nor onnx/model_quantized.onnx`);
  }
  for (const dtype of present) {
    if (fs.statSync(onnxFile(folder, dtype)).size < 64) {
      throw new ModelError(`${onnxFile(folder, dtype)} is truncated or empty`);
    }
  }
  return preferred && present.includes(preferred) ? preferred : present[0];
}

export function onnxFile(folder: string, dtype: ModelDtype): string {
  return path.join(folder, 'onnx', dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx');
}

function describeFolder(folder: string): ModelInfo | undefined {
  const config = readJson(path.join(folder, 'config.json')) as Record<string, unknown> | undefined;
  if (!config) return undefined;
  const own = (config.plod_tagger ?? {}) as { name?: string; display_name?: string; description?: string };
  const name = own.name ?? path.basename(folder);
  return { name, displayName: own.display_name ?? name, description: own.description ?? '', folder };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
