import { render } from 'preact'
import { App } from './App.js'
import './styles.css'

render(<App />, document.getElementById('app')!)
// read by `npm run console:measure`: when the first screen is in the DOM
performance.mark('console:rendered')
