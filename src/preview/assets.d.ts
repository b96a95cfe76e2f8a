/** The preview imports the sample roster CSV as text (webpack asset/source). */
declare module "*.csv" {
  const text: string;
  export default text;
}
