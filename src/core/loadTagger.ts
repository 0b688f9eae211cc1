import type { Tagger } from './types';
import { checkFolder, messageOf, ModelError, resolveFolder, RULES_MODEL } from './models';
import type { OnnxTaggerOptions } from './taggers/onnx';
import { RulesTagger } from './taggers/rules';

export interface LoadOptions extends Omit<OnnxTaggerOptions, 'name'> {
  modelsDir?: string;
}

/** Resolve `rules`, a shipped model's name, or a path to an HF-format folder, and load it. */
export async function loadTagger(nameOrPath: string, options: LoadOptions = {}): Promise<Tagger> {
  if (nameOrPath === RULES_MODEL) return new RulesTagger();
  const { folder, name } = resolveFolder(nameOrPath, options.modelsDir);
  const dtype = options.dtype ?? checkFolder(folder);
  try {
    // onnxruntime and the tokenizer are loaded only for a model that needs them: `rules` starts without it.
    const { OnnxTagger } = await import('./taggers/onnx');
    return await OnnxTagger.load(folder, dtype, { ...options, name });
  } catch (error) {
    if (error instanceof ModelError) throw error;
    throw new ModelError(`cannot load model "${name}" from ${folder}: ${messageOf(error)}`);
  }
}
