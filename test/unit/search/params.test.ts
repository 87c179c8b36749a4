import { describe, expect, it } from 'vitest';
import { buildFilter } from '../../../src/search/search.ts';
import { parseSearchParams } from '../../../src/search/params.ts';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('search parameters', () => {
  it('has defaults', () => {
    expect(parse('')).toEqual({
      q: '',
      page: 1,
      perPage: 20,
      sort: 'relevance',
      issuedFrom: undefined,
      issuedTo: undefined,
      filters: {},
    });
  });

  it('collects repeated facet filters', () => {
    expect(parse('type=resolution&type=decision&year=2024').filters).toEqual({
      type: ['resolution', 'decision'],
      year: ['2024'],
    });
  });

  it.each([
    ['perPage=101', /perPage.*at most 100/],
    ['page=0', /page.*1 or more/],
    ['page=abc', /page.*whole number/],
    ['sort=title', /sort.*relevance/],
    ['issuedFrom=2024-13-01', /issuedFrom.*ISO date/],
    ['q=a&q=b', /"q" is given more than once/],
  ])('rejects %s, naming the parameter', (query, message) => {
    expect(() => parse(query)).toThrow(message);
  });

  it('always restricts to the visible levels and quotes values safely', () => {
    const filter = buildFilter(parse('issuer=A "quoted" \\ name&issuedFrom=2024-01-01'), 'public');
    expect(filter).toEqual([
      'classification IN ["public"]',
      'issuer IN ["A \\"quoted\\" \\\\ name"]',
      'issuedTs >= 1704067200',
    ]);
  });
});
