import { describe, expect, it } from 'vitest';
import { buildFilter } from '../../../src/search/request.ts';
import { parseSearchParams, readSearchParams } from '../../../src/search/params.ts';

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
    ['issuedFrom=2024-13-01', /issuedFrom.*real day/],
    ['issuedTo=31/02/2024', /issuedTo.*DD\/MM\/YYYY/],
    ['q=a&q=b', /"q" is given more than once/],
  ])('rejects %s, naming the parameter', (query, message) => {
    expect(() => parse(query)).toThrow(message);
  });

  it('always restricts to the visible levels and quotes values safely', () => {
    const filter = buildFilter(parse('issuer=A "quoted" \\ name&issuedFrom=2024-01-01'), 'public');
    expect(filter).toEqual([
      'classification IN ["public"] AND withdrawn = false',
      'issuer IN ["A \\"quoted\\" \\\\ name"]',
      'issuedTs >= 1704067200',
    ]);
  });
});

describe('search parameters from the filter form', () => {
  it('reads the date boxes day first, as they are typed, and ISO days from links', () => {
    expect(parse('issuedFrom=14%2F08%2F1997&issuedTo=1-9-1998&inForceOn=2001-02-03')).toMatchObject(
      {
        issuedFrom: '1997-08-14',
        issuedTo: '1998-09-01',
        inForceOn: '2001-02-03',
      },
    );
  });

  it('reads empty values as "not given": empty date boxes and an unchosen sort are no filter', () => {
    expect(parse('q=l%C6%B0u&sort=issued:desc&issuedFrom=&issuedTo=&inForceOn=&type=')).toEqual({
      q: 'lưu',
      page: 1,
      perPage: 20,
      sort: 'issued:desc',
      issuedFrom: undefined,
      issuedTo: undefined,
      inForceOn: undefined,
      filters: {},
    });
    expect(parse('sort=&page=&perPage=')).toMatchObject({
      sort: 'relevance',
      page: 1,
      perPage: 20,
    });
  });

  it.each(['page=0x10', 'page=1e2', 'page=%2016', 'page=16.0', 'perPage=-1', 'page=+3'])(
    'reads page numbers as digits only: %s is refused',
    (query) => {
      expect(() => parse(query)).toThrow(/page/i);
    },
  );

  it('keeps the good values and names each wrong one, for the page to show beside its field', () => {
    const { params, problems } = readSearchParams(
      new URLSearchParams('q=abc&issuedFrom=2020-02-30&sort=issued:asc&page=x'),
    );
    expect(params).toMatchObject({ q: 'abc', sort: 'issued:asc', page: 1, issuedFrom: undefined });
    expect(problems.map((p) => p.param).sort()).toEqual(['issuedFrom', 'page']);
  });
});
