import { InferenceSession, Tensor } from 'onnxruntime-node';

/** The int64 inputs of one batch, `[rows][width]` flattened, by ONNX input name. */
export type BatchFeeds = Record<string, BigInt64Array>;

/** The inputs a token-classification export may ask for; `token_type_ids` is all zeros for one-segment text. */
const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);

/** An onnxruntime session of a token-classification model: ids in, logits `[rows][width][labels]` out. */
export class TokenClassifier {
  private constructor(
    private readonly file: string,
    private readonly session: InferenceSession,
    private readonly output: string,
  ) {}

  static async open(
    file: string,
    threads: number,
    extraInputs: readonly string[] = [],
  ): Promise<TokenClassifier> {
    const session = await InferenceSession.create(file, {
      executionProviders: ['cpu'],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      // Fatal errors only: onnxruntime's own error lines quote the input ids, that is, the user's text.
      logSeverityLevel: 4,
    });
    const unknown = session.inputNames.filter(
      (name) => !KNOWN_INPUTS.has(name) && !extraInputs.includes(name),
    );
    const output = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0];
    if (unknown.length > 0 || !session.inputNames.includes('input_ids') || output === undefined) {
      await session.release();
      throw new Error(
        `${file} is not a token-classification model plod-tagger can run: its inputs are ` +
          `${session.inputNames.join(', ') || 'none'} and its outputs ${session.outputNames.join(', ') || 'none'}`,
      );
    }
    return new TokenClassifier(file, session, output);
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  async run(feeds: BatchFeeds, dims: [number, number]): Promise<{ data: Float32Array; labels: number }> {
    const inputs: Record<string, Tensor> = {};
    for (const name of this.session.inputNames) {
      const data = feeds[name] ?? new BigInt64Array(dims[0] * dims[1]);
      inputs[name] = new Tensor('int64', data, dims);
    }
    const logits = (await this.session.run(inputs))[this.output];
    if (logits.type !== 'float32' || logits.dims.length !== 3) {
      throw new Error(
        `${this.file} gives ${this.output} of ${logits.type} [${logits.dims.join(', ')}], not float32 [rows, width, labels]`,
      );
    }
    return { data: logits.data as Float32Array, labels: logits.dims[2] };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
