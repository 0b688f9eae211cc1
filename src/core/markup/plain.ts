import { identityProjection, type Projection } from './projection';

export function projectPlain(source: string): Projection {
  return identityProjection(source);
}
