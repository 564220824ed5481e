import fc from 'fast-check';
// WeChat's per-keyword rules as the local stand-in enforces them (what answers 47003).
import { judgeKeyword } from '../../../devstack/wechat/keywordRules';
import { fitLength, renderTemplateData } from './keywords';
import { EVENT_TEMPLATES, SUBSCRIBE_TEMPLATES, type TemplateMapping } from './templates';

const sentAt = new Date('2026-11-22T00:05:00Z'); // 08:05 in China

describe('renderTemplateData', () => {
  const notice = EVENT_TEMPLATES['broadcast.published']!;

  it('fills each keyword from the intent and writes the time as WeChat expects it, in China time', () => {
    const rendered = renderTemplateData(
      notice,
      { title: '周六停水', body: '3栋周六 9:00–12:00 检修水管', data: { sender: '幸福里社区居委会' } },
      sentAt,
    );
    expect(rendered).toEqual({
      ok: true,
      data: {
        thing1: '周六停水',
        thing2: '3栋周六 9:00–12:00 检修水管',
        thing3: '幸福里社区居委会',
        time4: '2026年11月22日 08:05',
      },
    });
  });

  it('cuts long text to 20 characters with an ellipsis, and folds line breaks', () => {
    const body = '本周六上午九点在社区活动室举办义诊，请需要量血压的居民带好医保卡。';
    const rendered = renderTemplateData(notice, { title: '义诊\n通知', body, data: { sender: '居委会' } }, sentAt);
    if (!rendered.ok) throw new Error(rendered.reason);
    expect(rendered.data.thing1).toBe('义诊 通知');
    expect([...rendered.data.thing2!]).toHaveLength(20);
    expect(rendered.data.thing2!.endsWith('…')).toBe(true);
    expect(rendered.data.thing2!.startsWith('本周六上午九点在社区活动室举办义')).toBe(true);
  });

  it('keeps only 汉字 in a phrase and at most five of them', () => {
    const review: TemplateMapping = { template: 'reviewResult', values: { phrase2: 'data.result' } };
    expect(renderTemplateData(review, { title: '', body: '', data: { result: '已通过 ✓' } }, sentAt)).toEqual({
      ok: true,
      data: { phrase2: '已通过' },
    });
    expect(
      renderTemplateData(review, { title: '', body: '', data: { result: '审核未通过请重新提交' } }, sentAt),
    ).toEqual({ ok: true, data: { phrase2: '审核未通过' } });
  });

  it('refuses rather than sends what WeChat would reject: a missing field, words in a number', () => {
    const points: TemplateMapping = {
      template: 'pointsChanged',
      values: { thing1: 'data.reason', number2: 'data.points' },
    };
    expect(renderTemplateData(points, { title: '', body: '', data: { reason: '志愿服务' } }, sentAt)).toMatchObject({
      ok: false,
      keyword: 'number2',
    });
    expect(
      renderTemplateData(points, { title: '', body: '', data: { reason: '志愿服务', points: '十分' } }, sentAt),
    ).toMatchObject({ ok: false, keyword: 'number2' });
    expect(
      renderTemplateData(points, { title: '', body: '', data: { reason: '志愿服务', points: '12' } }, sentAt),
    ).toMatchObject({ ok: true });
  });

  it('never produces a value WeChat rejects (47003), whatever the text', () => {
    const keywords = [
      'thing1',
      'phrase2',
      'name3',
      'time4',
      'date5',
      'number6',
      'character_string7',
      'letter8',
      'amount9',
      'phone_number10',
    ];
    const mapping: TemplateMapping = {
      template: 'reviewResult',
      values: Object.fromEntries(keywords.map((k) => [k, `data.${k}` as const])),
    };
    const anyText = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('2026-11-22T08:00:00Z', '42', 'abc', '   ', '\n\t'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keywords), anyText), (data) => {
        for (const keyword of keywords) {
          const one: TemplateMapping = { template: mapping.template, values: { [keyword]: `data.${keyword}` } };
          const rendered = renderTemplateData(one, { title: '', body: '', data }, sentAt);
          if (rendered.ok) expect(judgeKeyword(keyword, rendered.data[keyword])).toBe('ok');
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('fitLength', () => {
  it('counts characters, not bytes or UTF-16 units', () => {
    expect(fitLength('一二三', 3)).toBe('一二三');
    expect(fitLength('一二三四', 3)).toBe('一二…');
    expect(fitLength('😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('the template configuration', () => {
  it('maps every keyword of each used template, from a source the event declares', () => {
    for (const [event, mapping] of Object.entries(EVENT_TEMPLATES)) {
      const template = SUBSCRIBE_TEMPLATES[mapping!.template];
      expect(Object.keys(mapping!.values).sort()).toEqual(Object.keys(template.keywords).sort());
      for (const source of Object.values(mapping!.values)) {
        expect(source).toMatch(/^(title|body|sentAt|data\.\w+|=.+)$/);
      }
      expect(event).toBeTruthy();
    }
  });

  it('names keywords by WeChat types only', () => {
    for (const template of Object.values(SUBSCRIBE_TEMPLATES))
      for (const keyword of Object.keys(template.keywords))
        expect(keyword).toMatch(
          /^(thing|phrase|name|time|date|number|character_string|letter|amount|phone_number|symbol|car_number)\d+$/,
        );
  });
});
