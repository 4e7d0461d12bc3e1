declare module 'virtual:backstory-matcher-data' {
  const data: import('./data').MatcherData;
  export default data;
}
