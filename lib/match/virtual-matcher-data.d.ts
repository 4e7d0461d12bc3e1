declare module 'virtual:backstory-matcher-data' {
  const data: import('./pack').PackedMatcherData;
  export default data;
}
