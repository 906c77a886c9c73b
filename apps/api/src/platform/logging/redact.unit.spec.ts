import { maskIdNumbers } from './redact';

describe('maskIdNumbers', () => {
  it('masks resident ID numbers as public lists do', () => {
    expect(maskIdNumbers('/v1/persons/140202199001011234/cap')).toBe(
      '/v1/persons/140202********1234/cap',
    );
    expect(maskIdNumbers('id 14020219900101123X and 14020219900101123x.')).toBe(
      'id 140202********123X and 140202********123x.',
    );
  });

  it('leaves other numbers and credit codes alone', () => {
    for (const text of ['position 12345678901234567', '91140200MA0K000001']) {
      expect(maskIdNumbers(text)).toBe(text);
    }
  });

  describe('hostile spellings (issue #12, point 14)', () => {
    const ID = '11010519491231002X';

    it('masks an ID glued to letters or inside a longer run of digits', () => {
      expect(maskIdNumbers(`/v1/x/abc${ID}def`)).toBe('/v1/x/abc110105********002Xdef');
      expect(maskIdNumbers(`/v1/x/99${ID}1`)).not.toContain(ID.slice(0, 17));
      expect(maskIdNumbers('1402021990010112345')).toBe('140202*********2345');
    });

    it('masks a percent-encoded ID number in a logged URL', () => {
      const encoded = [...ID].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
      for (const url of [
        `/v1/persons/${encoded}/cap`,
        `/v1/persons/${encoded.toLowerCase()}/cap?x=1`,
        `/v1/persons/${ID.slice(0, 9)}${encoded.slice(27)}/cap`,
        `/v1/persons/${encodeURIComponent(encoded)}/cap`,
      ]) {
        const logged = maskIdNumbers(url);
        expect(logged).toContain('********');
        expect(decodeURIComponent(decodeURIComponent(logged))).not.toContain(ID.slice(0, 17));
      }
    });

    it('leaves a URL without an ID number as it was, encoding included', () => {
      expect(maskIdNumbers('/v1/enterprises?q=%E5%A4%A7%E5%90%8C')).toBe(
        '/v1/enterprises?q=%E5%A4%A7%E5%90%8C',
      );
      expect(maskIdNumbers('/v1/x/%E0%A4%A')).toBe('/v1/x/%E0%A4%A');
    });
  });
});
