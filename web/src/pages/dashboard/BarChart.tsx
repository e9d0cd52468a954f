import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { theme } from 'antd';
import { useEffect, useRef } from 'react';
import { usePrefs } from '../../prefs/PrefsProvider.js';
import { BASE_FONT_PX } from '../../prefs/text-size.js';

// Only the pieces the dashboard draws, registered once: the full echarts bundle is several times
// larger, and this module is reached only through the dashboard's lazily loaded chunk.
echarts.use([EBarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart. It is a picture of the numbers listed beside it, which are the
 * accessible (and linkable) form, so it is hidden from screen readers.
 */
export function BarChart({ bars }: { bars: Bar[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const { token } = theme.useToken();
  const { textSize } = usePrefs();
  const fontSize = BASE_FONT_PX[textSize];

  useEffect(() => {
    const chart = echarts.init(ref.current!, undefined, { renderer: 'canvas' });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, []);

  useEffect(() => {
    const chart = echarts.getInstanceByDom(ref.current!);
    // The height follows the text size; the canvas must be told.
    chart?.resize();
    chart?.setOption({
      animation: false,
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      textStyle: { fontFamily: token.fontFamily },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The value is written at the end of each bar; a scale would only crowd the narrow axis.
      xAxis: { type: 'value', minInterval: 1, axisLabel: { show: false } },
      // Top-down in the order given (echarts draws category axes bottom-up).
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisLabel: { fontSize, color: token.colorText } },
      series: [{ type: 'bar', data: bars.map((b) => b.value), itemStyle: { color: token.colorPrimary }, barMaxWidth: fontSize * 2, label: { show: true, position: 'right', fontSize, color: token.colorText } }],
    });
  }, [bars, fontSize, token.colorPrimary, token.colorText, token.fontFamily]);

  return <div ref={ref} aria-hidden className="bar-chart" style={{ height: `${Math.max(bars.length * fontSize * 2.6, 8 * fontSize)}px` }} />;
}
