/** What GraphiQL shows first: the question the project was started for. */
export const EXAMPLE_QUERY = `# Which treaties affected the Ili basin, and who signed them?
{
  treaties(affecting: "Ili basin") {
    totalCount
    edges {
      node {
        id
        name
        time { text start { year } }
        parties { nodes { name } }
        affects { edges { type effect node { name } sources { quote } } }
      }
    }
  }
}
`;
