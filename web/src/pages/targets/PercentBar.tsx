import { Progress } from 'antd';
import { useTranslation } from 'react-i18next';

/** "% of target" as the reports print it (one decimal), with a bar that stops at 100 %. */
export function PercentBar({ percent, met }: { percent: number | null; met: boolean | null }) {
  const { t, i18n } = useTranslation();
  if (percent === null) return <span>{t('targets.noTarget')}</span>;
  const text = `${percent.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  return (
    <div style={{ minWidth: '8rem', maxWidth: '16rem' }}>
      <Progress
        percent={Math.min(percent, 100)}
        status={met ? 'success' : 'normal'}
        // The success green of the bar is 2:1 on white as text; the figure keeps a dark green (AA).
        format={() => <span className={met ? 'percent-met' : undefined}>{text}</span>}
        aria-label={t(met ? 'targets.met' : 'targets.notMet', { pct: text })}
      />
    </div>
  );
}
