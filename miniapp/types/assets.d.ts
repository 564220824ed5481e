declare module '*.scss';
declare module '*.css';
declare module '*.png' {
  const src: string;
  export default src;
}
