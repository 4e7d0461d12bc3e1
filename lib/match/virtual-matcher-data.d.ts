declare module 'virtual:backstory-matcher-data' {
  const data: { version: string; data: import('./tables').PublishedMatcherData };
  export default data;
}

declare module 'virtual:backstory-matcher-version' {
  const version: string;
  export default version;
}
