import { demoRosterCells } from '../devstack/seed/rosterSheet';

/**
 * The demo roster as the 不动产登记 would list it: 房屋坐落, 不动产单元号, 面积, 权利人 (a 证件号 each, made from the
 * owner's phone, so two owners who share a name stay two people), the developer's unsold units under its company
 * name, and 5栋1单元101 with a co-owner on a second row. Owners, areas and heads are the roster's own: importing it
 * leaves every other journey's electorate as it was.
 */
export function extractCsv(): string {
  const [header, ...rows] = demoRosterCells();
  const at = (name: string) => header!.indexOf(name);
  const lines = ['房屋坐落,不动产单元号,面积,权利人,共有情况,证件号'];
  for (const r of rows) {
    const [building, entrance, room, area, name, phone] = [
      r[at('楼栋')],
      r[at('单元')],
      r[at('房号')],
      r[at('建筑面积(㎡)')],
      r[at('业主姓名')],
      r[at('业主电话')],
    ].map(String);
    const address = `福州市鼓楼区幸福里社区${building}${entrance}${room}室`;
    const unitNo = `350102-XFL-${building}${entrance}${room}`;
    if (!name) lines.push(`${address},${unitNo},${area},福州幸福里房地产开发有限公司,,`);
    else lines.push(`${address},${unitNo},${area},${name},,3501021980${phone!.slice(-8)}`);
    if (building === '5栋' && entrance === '1单元' && room === '101')
      lines.push(`${address},${unitNo},${area},林共有,共同共有,350102198501019999`);
  }
  return lines.join('\n');
}
