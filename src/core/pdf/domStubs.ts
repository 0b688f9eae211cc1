/**
 * pdf.js builds a few canvas objects when it loads, for rendering, which text extraction never does. In Node it
 * would take them from @napi-rs/canvas, which the extension does not ship, so plain stand-ins are defined first.
 */
const scope = globalThis as Record<string, unknown>;

class StubMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: number[]) {
    if (init?.length === 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
  }
  multiplySelf(): this {
    return this;
  }
  preMultiplySelf(): this {
    return this;
  }
  translate(): StubMatrix {
    return this;
  }
  scale(): StubMatrix {
    return this;
  }
  invertSelf(): this {
    return this;
  }
}

class Unsupported {
  constructor() {
    throw new Error('PDF rendering is not supported: PLOD Tagger only reads text');
  }
}

scope.DOMMatrix ??= StubMatrix;
scope.ImageData ??= Unsupported;
scope.Path2D ??= Unsupported;
