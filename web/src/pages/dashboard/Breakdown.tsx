import { Card, Col, Row } from 'antd';
import { BarChart, type Bar } from './BarChart.js';
import { FigureLink } from './FigureLink.js';
import type { ListLink } from './member-links.js';

export interface BreakdownRow extends Bar {
  key: string;
  link: ListLink;
}

/** A dimension (age bands, theory levels): the numbers as a linked list, the chart beside them. */
export function Breakdown({ title, rows }: { title: string; rows: BreakdownRow[] }) {
  return (
    <Card title={<h2 className="card-title">{title}</h2>} size="small">
      <Row gutter={[16, 8]} align="middle">
        <Col xs={24} md={10}>
          <dl className="breakdown-list">
            {rows.map((r) => (
              <div key={r.key} className="breakdown-row">
                <dt>{r.label}</dt>
                <dd>
                  <FigureLink value={r.value} link={r.link} label={r.label} />
                </dd>
              </div>
            ))}
          </dl>
        </Col>
        <Col xs={24} md={14}>
          <BarChart bars={rows} />
        </Col>
      </Row>
    </Card>
  );
}
