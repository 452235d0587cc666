/** The box a chart draws in: its size in CSS pixels and the plot area inside the margins. */
export interface PlotFrame {
  width: number;
  height: number;
  plotLeft: number;
  plotRight: number;
  plotTop: number;
  plotBottom: number;
}
