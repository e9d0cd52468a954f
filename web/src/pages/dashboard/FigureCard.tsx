import { Card } from 'antd';
import type { ListLink } from './member-links.js';
import { FigureLink } from './FigureLink.js';

/** One headline figure: its label and the number, large, linking to its list. */
export function FigureCard({ label, value, link, share }: { label: string; value: number; link: ListLink; share?: string }) {
  return (
    <Card size="small" className="figure-card">
      <div className="figure-label">{label}</div>
      <div className="figure-value">
        <FigureLink value={value} link={link} label={label} />
      </div>
      {share && <div className="figure-share">{share}</div>}
    </Card>
  );
}
