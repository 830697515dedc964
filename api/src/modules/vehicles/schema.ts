// GraphQL types, queries and mutations of this bounded context register on the builder here.
export {};
